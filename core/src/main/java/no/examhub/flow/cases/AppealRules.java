package no.examhub.flow.cases;

import java.time.Instant;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
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
        Command withdraw = Command.of(s.institution(), Partner.INSPERA, new Payload.WithdrawAppeal(s.vurdId(),
            s.kandidatnr(), s.ids().testId(), s.ids().candidateUserId(), appeal.round()), a.contentHash(), now);
        return Decision.of(s.withAppeal(withdrawn), withdraw);
      }
      // WISEflow offers no withdrawal in the seed's API: the case records it, nothing is called.
      return Decision.of(s.withAppeal(withdrawn));
    }
    return Decision.of(s);
  }

  private static Command register(CaseState s, FsAppeal a, Appeal active, Instant now) {
    if (s.examSystem() == ExamSystem.WISEFLOW) {
      return Command.of(s.institution(), Partner.WISEFLOW,
          new Payload.CreateReassessment(s.vurdId(), s.kandidatnr(), active.round()), a.contentHash(), now);
    }
    return Command.of(s.institution(), Partner.INSPERA, new Payload.RegisterAppeal(s.vurdId(), s.kandidatnr(),
        a.sensurfrist(), a.kommisjonsidOppr(), a.kommisjonsidNy(), active.round()), a.contentHash(), now);
  }

  /** Inspera announced the decision on the appeal: close the case in FS. */
  static Decision onDecision(CaseState s, Instant decidedAt, String causationId, Instant now) {
    Appeal appeal = s.appeal();
    if (appeal.status() != AppealStatus.ACTIVE) {
      return Decision.of(s);
    }
    Command close = Command.of(s.institution(), Partner.FS, new Payload.RegisterAppealDecision(s.examSystem(),
        s.vurdId(), s.kandidatnr(), decidedAt, appeal.round()), causationId, now);
    return Decision.of(s.withAppeal(new Appeal(AppealStatus.DECIDED, appeal.sensurfrist(), appeal.round())), close);
  }

  static CaseState onDecisionRegistered(CaseState s) {
    Appeal appeal = s.appeal();
    return s.withAppeal(new Appeal(AppealStatus.CLOSED, appeal.sensurfrist(), appeal.round()));
  }
}
