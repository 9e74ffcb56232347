package no.examhub.event;

import java.time.Instant;
import java.time.LocalDate;
import no.examhub.platform.streams.ContentHash;

/**
 * A candidate's request for an explanation of a grade (begrunnelse), as FS reports it: as with
 * {@link FsAppeal}, only the fields a flow reads (no person number, user name, committee or
 * communication date).
 *
 * @param datoKlageMottatt when the request was received (FS: {@code datoKlageMottat})
 * @param polledAt poll metadata, not part of the content hash
 */
public record FsExplanationRequest(
    String institution,
    ExamSystem examSystem,
    String vurdId,
    String kandidatnr,
    LocalDate datoKlageMottatt,
    Instant polledAt) {

  public String caseKey() {
    return CaseKeys.of(institution, vurdId, kandidatnr);
  }

  public String contentHash() {
    return ContentHash.of("fs-explanation-request", institution, examSystem, vurdId, kandidatnr, datoKlageMottatt);
  }
}
