package no.examhub.ops.console;

import java.util.Set;
import no.examhub.flow.cases.CaseState.AppealStatus;
import no.examhub.flow.cases.CaseState.ExplanationStatus;
import no.examhub.flow.cases.CaseState.HistoryEntry;
import no.examhub.flow.cases.CaseState;

/** What a case waits for next, in words: the first of a command in flight, the appeal, the explanation, the archive. */
final class Waiting {
  private Waiting() {}

  /**
   * @param attempted commands that have at least one attempt in the audit log
   * @param commands every command in the case's history
   */
  static String of(CaseState c, Set<String> attempted, Set<String> commands) {
    for (String id : commands) {
      boolean done = c.history().stream().anyMatch(h -> "outcome".equals(h.kind()) && id.equals(h.commandId()));
      if (!done) {
        String operation = c.history().stream().filter(h -> id.equals(h.commandId())).map(HistoryEntry::operation)
            .findFirst().orElse("a command");
        return attempted.contains(id) ? "Dispatch to retry " + operation + " (it failed before; see its attempts)"
            : "Dispatch to carry out " + operation;
      }
    }
    boolean lastFailed = c.history().stream().reduce((a, b) -> b)
        .map(h -> "outcome".equals(h.kind()) && !Boolean.TRUE.equals(h.success())).orElse(false);
    if (lastFailed) {
      return "An operator: the last command failed for good; replay its dead letter once the cause is fixed";
    }
    if (c.appeal().status() == AppealStatus.ACTIVE) {
      return "The exam system's new grade for the appeal" + (c.appeal().sensurfrist() == null ? ""
          : ", due " + Format.date(c.appeal().sensurfrist()));
    }
    if (c.appeal().status() == AppealStatus.DECIDED) {
      return "Registering the appeal's decision in FS";
    }
    if (c.explanation().status() == ExplanationStatus.REQUESTED) {
      return "The examiner's explanation from the exam system";
    }
    if (c.explanation().status() == ExplanationStatus.PUBLISHED) {
      return "Registering the explanation in FS";
    }
    if (c.thesis() != null && !c.thesis().archived()) {
      return "Archiving the thesis, due " + Format.instant(c.thesis().dueAt());
    }
    return "Nothing: no appeal, explanation or archive is open";
  }
}
