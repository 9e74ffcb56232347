package no.examhub.flow.cases;

import java.time.Instant;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.Partner;
import no.examhub.flow.cases.CaseState.Appeal;
import no.examhub.flow.cases.CaseState.AppealStatus;

/**
 * Appeals (klager), as seed 003 describes them: AKTIV registers the appeal in the exam system,
 * TRUKKET withdraws it, Inspera's decision closes the case in FS.
 */
final class AppealRules {
  private AppealRules() {}

  static Decision onFsAppeal(CaseState s, FsAppeal a, Instant now) {
    Appeal appeal = s.appeal();
    if (FsAppeal.ACTIVE.equals(a.klagestatus())) {
      if (appeal.open()) {
        // Already registered: a changed deadline or committee is recorded, not registered again.
        return Decision.of(s.withAppeal(new Appeal(appeal.status(), a.sensurfrist(), appeal.round())));
      }
      Appeal active = new Appeal(AppealStatus.ACTIVE, a.sensurfrist(), appeal.round() + 1);
      return Decision.of(s.withAppeal(active), register(s, a, active, now));
    }
    if (FsAppeal.WITHDRAWN.equals(a.klagestatus())) {
      Appeal withdrawn = new Appeal(AppealStatus.WITHDRAWN, a.sensurfrist(), appeal.round());
      if (appeal.open() && s.examSystem() == ExamSystem.INSPERA) {
        Command withdraw = Command.of(s.institution(), Partner.INSPERA, Operations.WITHDRAW_APPEAL,
            Payloads.of("vurdId", s.vurdId(), "kandidatnr", s.kandidatnr(), "testId", s.ids().testId(),
                "candidateUserId", s.ids().candidateUserId(), "round", appeal.round()),
            a.contentHash(), now);
        return Decision.of(s.withAppeal(withdrawn), withdraw);
      }
      // WISEflow offers no withdrawal in the seed's API: the case records it, nothing is called.
      return Decision.of(s.withAppeal(withdrawn));
    }
    return Decision.of(s);
  }

  private static Command register(CaseState s, FsAppeal a, Appeal active, Instant now) {
    if (s.examSystem() == ExamSystem.WISEFLOW) {
      return Command.of(s.institution(), Partner.WISEFLOW, Operations.CREATE_REASSESSMENT,
          Payloads.of("sisCode", s.vurdId(), "kandidatnr", s.kandidatnr(), "round", active.round()),
          a.contentHash(), now);
    }
    return Command.of(s.institution(), Partner.INSPERA, Operations.REGISTER_APPEAL,
        Payloads.of("vurdId", s.vurdId(), "kandidatnr", s.kandidatnr(), "sensurfrist", a.sensurfrist(),
            "kommisjonsidOppr", a.kommisjonsidOppr(), "kommisjonsidNy", a.kommisjonsidNy(),
            "round", active.round()),
        a.contentHash(), now);
  }

  /** Inspera announced the decision on the appeal: close the case in FS. */
  static Decision onDecision(CaseState s, Instant decidedAt, String causationId, Instant now) {
    Appeal appeal = s.appeal();
    if (appeal.status() != AppealStatus.ACTIVE) {
      return Decision.of(s);
    }
    Command close = Command.of(s.institution(), Partner.FS, Operations.REGISTER_APPEAL_DECISION,
        Payloads.of("examSystem", s.examSystem(), "vurdId", s.vurdId(), "kandidatnr", s.kandidatnr(),
            "decidedAt", decidedAt, "round", appeal.round()),
        causationId, now);
    return Decision.of(s.withAppeal(new Appeal(AppealStatus.DECIDED, appeal.sensurfrist(), appeal.round())), close);
  }

  static CaseState onDecisionRegistered(CaseState s) {
    Appeal appeal = s.appeal();
    return s.withAppeal(new Appeal(AppealStatus.CLOSED, appeal.sensurfrist(), appeal.round()));
  }
}
