package no.examhub.event;

import java.time.Instant;
import java.time.LocalDate;
import no.examhub.platform.streams.ContentHash;

/**
 * A candidate's request for an explanation of a grade (begrunnelse), as FS reports it. As with
 * {@link FsAppeal}, the person number is not kept.
 *
 * @param datoKlageMottatt when the request was received (FS: {@code datoKlageMottat})
 * @param datoVedtakFormidlet when the grade was communicated
 * @param polledAt poll metadata, not part of the content hash
 */
public record FsExplanationRequest(
    String institution,
    ExamSystem examSystem,
    String vurdId,
    String kandidatnr,
    String brukernavn,
    String kommisjonsId,
    LocalDate datoKlageMottatt,
    LocalDate datoVedtakFormidlet,
    Instant polledAt) {

  public String caseKey() {
    return CaseKeys.of(institution, vurdId, kandidatnr);
  }

  public String contentHash() {
    return ContentHash.of("fs-explanation-request", institution, examSystem, vurdId, kandidatnr,
        brukernavn, kommisjonsId, datoKlageMottatt, datoVedtakFormidlet);
  }
}
