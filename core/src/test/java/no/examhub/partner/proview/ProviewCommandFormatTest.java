package no.examhub.partner.proview;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import no.examhub.event.Command;
import no.examhub.event.RawRequest;
import no.examhub.testing.Golden;
import org.junit.jupiter.api.Test;

/** Proview's fetch-session command keeps its pinned JSON (its id hashes it; see CaseCommandsFormatTest). */
class ProviewCommandFormatTest {
  @Test
  void theFetchSessionCommandKeepsItsFormat() {
    RawRequest callback = new RawRequest("r-6", "proview", "demo", Instant.parse("2026-06-20T08:00:00Z"), Map.of(),
        """
        {"session_uuid":"0f8fad5b-d9cb-469f-a165-70867728950e","external_id":"10001"}"""
            .getBytes(StandardCharsets.UTF_8));
    Golden.assertFormat("commands/fetch-session", ProviewNormaliser.fetchCommand(callback), Command.class);
  }
}
