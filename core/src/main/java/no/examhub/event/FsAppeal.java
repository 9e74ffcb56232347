package no.examhub.event;

import java.time.Instant;
import java.time.LocalDate;
import no.examhub.platform.streams.ContentHash;

/**
 * An appeal (klage) as FS reports it, in Examhub's terms: only the fields a flow reads. The
 * person number, the user name (brukernavn) and names are not kept at all, not even hashed: no flow
 * reads them, and the exam systems know candidates by candidate number.
 *
 * @param klagestatus {@code AKTIV} (active) or {@code TRUKKET} (withdrawn)
 * @param sensurfrist the date by which grades must be published
 * @param polledAt when the poller read it: poll metadata, not part of the content hash
 */
public record FsAppeal(
    String institution,
    ExamSystem examSystem,
    String vurdId,
    String kandidatnr,
    String klagestatus,
    LocalDate sensurfrist,
    String kommisjonsidOppr,
    String kommisjonsidNy,
    Instant polledAt) {

  public static final String ACTIVE = "AKTIV";
  public static final String WITHDRAWN = "TRUKKET";

  /** The candidate's case this appeal belongs to: also the record's Kafka key. */
  public String caseKey() {
    return CaseKeys.of(institution, vurdId, kandidatnr);
  }

  public String contentHash() {
    return ContentHash.of("fs-appeal", institution, examSystem, vurdId, kandidatnr, klagestatus, sensurfrist,
        kommisjonsidOppr, kommisjonsidNy);
  }
}
