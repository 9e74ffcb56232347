package no.examhub.flow.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.examhub.event.Command;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamSystem;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;

/**
 * Grades confirmed on a test: ask Inspera what the test is. The outcome's result is the contract
 * with dispatch: {@code {"masterThesis": true, "vurdId", "title", "gradesPublishedAt",
 * "candidates": [{"kandidatnr", "candidateUserId", "grade", "files": [...]}]}}; a test that is no
 * master thesis gives no thesis.
 */
final class ThesisMetadata {
  private ThesisMetadata() {}

  static Command fetchCommand(ExamEvent e) {
    return Command.of(e.institution(), Partner.INSPERA, Operations.FETCH_TEST_METADATA,
        Payloads.of("testId", e.objectId(), "gradesConfirmedAt", e.occurredAt()), e.eventId(), e.receivedAt());
  }

  static List<GradedThesis> graded(Outcome o) {
    JsonNode r = o.result();
    if (!o.success() || r == null || !r.path("masterThesis").asBoolean(false)) {
      return List.of();
    }
    Instant published = Instant.parse(r.path("gradesPublishedAt").asText());
    List<GradedThesis> theses = new ArrayList<>();
    for (JsonNode c : r.path("candidates")) {
      theses.add(new GradedThesis(o.institution(), ExamSystem.INSPERA, r.path("vurdId").asText(),
          c.path("kandidatnr").asText(), o.text("testId"), r.path("title").asText(null),
          c.path("grade").asText(null), published, c.get("files")));
    }
    return theses;
  }
}
