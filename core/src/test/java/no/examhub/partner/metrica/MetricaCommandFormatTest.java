package no.examhub.partner.metrica;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import no.examhub.event.Command;
import no.examhub.event.RawRequest;
import no.examhub.testing.Golden;
import org.junit.jupiter.api.Test;

/** Metrica's notify-subscribers command keeps its pinned JSON (its id hashes it; see CaseCommandsFormatTest). */
class MetricaCommandFormatTest {
  @Test
  void theNotifyCommandKeepsItsFormat() {
    RawRequest event = new RawRequest("r-7", "metrica", "cambridge", Instant.parse("2026-06-20T08:00:00Z"), Map.of(),
        """
        {"id":"result-1","candidate":{"id":"c-9"},"score":71}""".getBytes(StandardCharsets.UTF_8));
    Golden.assertFormat("commands/notify-subscribers",
        MetricaNotifications.notifyCommand(MetricaEventRoutes.RESULTS + "/result-1", event), Command.class);
  }
}
