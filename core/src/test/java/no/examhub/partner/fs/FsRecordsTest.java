package no.examhub.partner.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.institution.Institution;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.json.Json;
import org.junit.jupiter.api.Test;

/** FS's wire records become Examhub's: only what a flow reads (no person number, user name or names), dates read. */
class FsRecordsTest {
  private static final Instant POLLED = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void appealKeepsTheCaseAndDropsThePersonNumberUserNameAndNames() {
    FsKlage klage = Json.read("""
        {"vurdId": "INF1000-2026H", "personlopenr": "1234567", "kandidatnr": 101, "brukernavn": "karin",
         "fornavn": "Kari", "etternavn": "Nordmann", "klagestatus": "AKTIV", "sensurfrist": "2026-12-15",
         "kommisjonsidOppr": "K1", "kommisjonsidNy": "K2", "changedAt": "2026-11-24T07:59:00Z"}
        """, FsKlage.class);

    FsAppeal appeal = FsRecords.appeal(institution(ExamSystem.WISEFLOW), klage, POLLED);

    assertThat(appeal.caseKey()).isEqualTo("uio/INF1000-2026H/101");
    assertThat(appeal.examSystem()).isEqualTo(ExamSystem.WISEFLOW);
    assertThat(appeal.klagestatus()).isEqualTo(FsAppeal.ACTIVE);
    assertThat(appeal.sensurfrist()).isEqualTo(LocalDate.of(2026, 12, 15));
    assertThat(appeal.kommisjonsidNy()).isEqualTo("K2");
    assertThat(appeal.polledAt()).isEqualTo(POLLED);
    assertThat(Json.string(appeal)).doesNotContain("1234567", Hmac.sha256Hex("1234567"), "karin", "Kari", "Nordmann",
        "personlopenr", "brukernavn");
  }

  @Test
  void explanationRequestReadsFsDatesEvenWithATimeAfterThem() {
    FsBegrunnelseForesporsel request = Json.read("""
        {"vurdId": "INF1000-2026H", "personlopenr": "7654321", "kandidatnr": "103", "brukernavn": "olan",
         "kommisjonsId": "K1", "datoKlageMottat": "2026-11-20T00:00:00", "datoVedtakFormidlet": "2026-11-10"}
        """, FsBegrunnelseForesporsel.class);

    FsExplanationRequest mapped = FsRecords.explanationRequest(institution(ExamSystem.INSPERA), request, POLLED);

    assertThat(mapped.caseKey()).isEqualTo("uio/INF1000-2026H/103");
    assertThat(mapped.datoKlageMottatt()).isEqualTo(LocalDate.of(2026, 11, 20));
    assertThat(Json.string(mapped)).doesNotContain("7654321", Hmac.sha256Hex("7654321"), "olan", "brukernavn",
        "personlopenr", "kommisjonsId", "2026-11-10");
  }

  @Test
  void recordWithoutCandidateNumberIsRejectedBecauseItHasNoCase() {
    FsKlage klage = new FsKlage("INF1000-2026H", null, "AKTIV", null, null, null);

    assertThatThrownBy(() -> FsRecords.appeal(institution(ExamSystem.INSPERA), klage, POLLED))
        .isInstanceOf(FsException.class).hasMessageContaining("kandidatnr");
  }

  @Test
  void unreadableDateIsRejectedWithoutQuotingFsData() {
    FsKlage klage = new FsKlage("INF1000-2026H", "101", "AKTIV", "15.12.2026", null, null);

    assertThatThrownBy(() -> FsRecords.appeal(institution(ExamSystem.INSPERA), klage, POLLED))
        .isInstanceOf(FsException.class).hasMessageContaining("sensurfrist")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("15.12.2026", "1234567"));
  }

  @Test
  void wireRecordsDoNotEvenHoldThePersonNumberOrNames() {
    FsKlage klage = Json.read("""
        {"vurdId": "V", "personlopenr": "1234567", "kandidatnr": "101", "brukernavn": "karin",
         "fornavn": "Kari", "etternavn": "Nordmann", "klagestatus": "AKTIV"}
        """, FsKlage.class);

    assertThat(klage.toString()).doesNotContain("1234567", "Kari", "Nordmann");
    assertThat(Json.string(klage)).doesNotContain("1234567", "karin", "Kari", "Nordmann");
  }

  private static Institution institution(ExamSystem system) {
    return new Institution("uio", "185", "185", system, "uio", "prod", true, true, true, "", null, null);
  }
}
