package no.examhub.flow.cases;

import java.time.Instant;
import java.time.LocalDate;
import no.examhub.event.CaseKeys;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.flow.cases.CaseState.Appeal;
import no.examhub.flow.cases.CaseState.AppealStatus;
import no.examhub.flow.cases.CaseState.Explanation;
import no.examhub.flow.cases.CaseState.ExplanationStatus;
import no.examhub.flow.cases.CaseState.Ids;

/** One candidate's case and the FS records about it, for the rules' specifications. */
final class CaseFixtures {
  static final Instant NOW = Instant.parse("2026-06-20T08:00:00Z");
  static final String INSTITUTION = "demo";
  static final String VURD_ID = "INF1000-1";
  static final String KANDIDATNR = "10001";
  static final String CASE = CaseKeys.of(INSTITUTION, VURD_ID, KANDIDATNR);
  static final LocalDate SENSURFRIST = LocalDate.parse("2026-07-10");
  static final LocalDate RECEIVED = LocalDate.parse("2026-06-18");
  /** What Inspera and WISEflow call this case, as outcomes taught it to the case. */
  static final Ids INSPERA_IDS = new Ids("35199862", "5001101", null, null, null, null);
  static final Ids WISEFLOW_IDS = new Ids(null, null, "flow-7", "participant-3", null, "request-9");

  private CaseFixtures() {}

  /** A new case in the given exam system, with the ids the exam system knows it by. */
  static CaseState newCase(ExamSystem system) {
    return newCase(system, KANDIDATNR);
  }

  static CaseState newCase(ExamSystem system, String kandidatnr) {
    return CaseState.open(CaseKeys.of(INSTITUTION, VURD_ID, kandidatnr), INSTITUTION, system, VURD_ID, kandidatnr)
        .withIds(system == ExamSystem.WISEFLOW ? WISEFLOW_IDS : INSPERA_IDS);
  }

  static CaseState withAppeal(CaseState s, AppealStatus status, int round) {
    return s.withAppeal(new Appeal(status, SENSURFRIST, round));
  }

  static CaseState withExplanation(CaseState s, ExplanationStatus status) {
    return s.withExplanation(new Explanation(status, RECEIVED, null));
  }

  static FsAppeal appeal(ExamSystem system, String klagestatus) {
    return appeal(system, klagestatus, SENSURFRIST);
  }

  static FsAppeal appeal(ExamSystem system, String klagestatus, LocalDate sensurfrist) {
    return new FsAppeal(INSTITUTION, system, VURD_ID, KANDIDATNR, klagestatus, sensurfrist, "K1", "K2", NOW);
  }

  static FsExplanationRequest explanationRequest(CaseState s) {
    return new FsExplanationRequest(s.institution(), s.examSystem(), s.vurdId(), s.kandidatnr(), RECEIVED, NOW);
  }
}
