package no.examhub.flow.export;

import java.time.Instant;
import no.examhub.event.Command;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamSystem;
import no.examhub.testing.Golden;
import org.junit.jupiter.api.Test;

/** The export's download command keeps its pinned JSON (its id hashes it; see CaseCommandsFormatTest). */
class ExportCommandsFormatTest {
  @Test
  void downloadCommandsKeepTheirFormat() {
    Instant at = Instant.parse("2026-06-20T08:00:00Z");
    Golden.assertFormat("commands/download-test-events", ExportTopology.downloadOnFinished(new ExamEvent("event-4",
        "demo", ExamSystem.INSPERA, "test_events_export_finished", "35199862", "test", "job-5", "job", null, at, at,
        "r-4")), Command.class);
    Golden.assertFormat("commands/download-test-events-without-job", ExportTopology.downloadOnFinished(
        new ExamEvent("event-5", "demo", ExamSystem.INSPERA, "test_events_export_finished", "35199862", "test", null,
            null, null, at, at, "r-5")), Command.class);
  }
}
