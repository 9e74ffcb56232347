package no.examhub.flow.cases;

import java.util.List;
import no.examhub.event.Command;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamSystem;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
import no.examhub.event.Result;

/**
 * Grades confirmed on a test: ask Inspera what the test is. The outcome's {@link Result.TestMetadata}
 * gives one thesis per candidate; a test that is no master thesis gives none.
 */
final class ThesisMetadata {
  private ThesisMetadata() {}

  static Command fetchCommand(ExamEvent e) {
    return Command.of(e.institution(), Partner.INSPERA, new Payload.FetchTestMetadata(e.objectId(), e.occurredAt()),
        e.eventId(), e.receivedAt());
  }

  static List<GradedThesis> graded(Outcome o) {
    if (!o.success()) {
      return List.of();
    }
    return o.result(Result.TestMetadata.class).filter(Result.TestMetadata::masterThesis)
        .map(test -> test.candidates() == null ? List.<GradedThesis>of() : test.candidates().stream()
            .map(c -> new GradedThesis(o.institution(), ExamSystem.INSPERA, test.vurdId(), c.kandidatnr(),
                test.testId(), test.title(), c.grade(), test.gradesPublishedAt(), c.files()))
            .toList())
        .orElse(List.of());
  }
}
