package no.examhub.cli;

import java.time.Instant;
import no.examhub.event.Command;
import no.examhub.testing.Golden;
import org.junit.jupiter.api.Test;

/** The CLI's export order keeps its pinned JSON (its id hashes it; see CaseCommandsFormatTest). */
class ExportEventsCommandFormatTest {
  @Test
  void theExportOrderKeepsItsFormat() {
    Golden.assertFormat("commands/export-test-events",
        ExportEventsCommand.command("demo", "35199862", Instant.parse("2026-06-20T08:00:00Z")), Command.class);
  }
}
