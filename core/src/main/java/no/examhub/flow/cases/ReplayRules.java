package no.examhub.flow.cases;

import java.util.Set;
import no.examhub.event.Command;
import no.examhub.event.Operations;
import no.examhub.event.Payload;
import no.examhub.flow.cases.CaseState.AppealStatus;
import no.examhub.flow.cases.CaseState.ExplanationStatus;

/**
 * Whether a case still wants a replayed command: the rule each case command was emitted under must
 * still hold now. A command that acts on no case (a proctoring session, an export) has no case to
 * ask and goes through.
 */
final class ReplayRules {
  static final Set<String> CASE_OPERATIONS = Operations.OF_CASES;

  private ReplayRules() {}

  /** Null when the case still wants the command, else why not (shown to the operator). */
  static String refusal(CaseState s, Command c) {
    if (!CASE_OPERATIONS.contains(c.operation())) {
      return null;
    }
    if (s == null) {
      return "its case no longer exists (closed and removed, or erased)";
    }
    return switch (c.operation()) {
      case Operations.REGISTER_APPEAL, Operations.CREATE_REASSESSMENT -> appealIs(s, c, AppealStatus.ACTIVE);
      case Operations.WITHDRAW_APPEAL -> appealIs(s, c, AppealStatus.WITHDRAWN);
      case Operations.REGISTER_APPEAL_DECISION -> appealIs(s, c, AppealStatus.DECIDED);
      case Operations.ENABLE_EXPLANATION_OPTION, Operations.REQUEST_EXPLANATION, Operations.FETCH_EXPLANATION,
          Operations.POLL_EXPLANATION -> explanationIs(s, ExplanationStatus.REQUESTED, null);
      case Operations.REGISTER_EXPLANATION -> explanationIs(s, ExplanationStatus.PUBLISHED, null);
      case Operations.SHOW_EXPLANATION -> explanationIs(s, ExplanationStatus.PUBLISHED, ExplanationStatus.REGISTERED);
      case Operations.ARCHIVE_THESIS -> s.thesis() != null && c.commandId().equals(s.thesis().archiveCommandId())
          ? null : "the case no longer holds this archive command (its thesis changed since)";
      default -> null;
    };
  }

  private static String appealIs(CaseState s, Command c, AppealStatus wanted) {
    CaseState.Appeal a = s.appeal();
    if (a.status() == AppealStatus.WITHDRAWN && wanted != AppealStatus.WITHDRAWN) {
      return "FS has withdrawn the appeal since; " + c.operation() + " is no longer wanted";
    }
    if (a.status() != wanted) {
      return "the appeal is " + a.status() + " now, not " + wanted + "; " + c.operation() + " is no longer wanted";
    }
    // A command read without a round has round 0, which no appeal round is (they count from 1).
    long round = c.payload() instanceof Payload.OfRound r ? r.round() : -1;
    if (round != a.round()) {
      return "the command is for round " + round + " of the appeal, and the case is in round " + a.round();
    }
    return null;
  }

  private static String explanationIs(CaseState s, ExplanationStatus wanted, ExplanationStatus alsoWanted) {
    ExplanationStatus now = s.explanation().status();
    if (now == wanted || now == alsoWanted) {
      return null;
    }
    return "the explanation is " + now + " now, not " + wanted + "; the command is no longer wanted";
  }
}
