package no.examhub.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.Alert;
import no.examhub.event.Topics;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.testing.DeadLetterFixtures;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dead letters and alert records reach the (simulated) Slack channel, aggregated per window and
 * less the blacklisted, on a real broker. Each spec uses its own institution name.
 */
class SlackAlertsTest {
  private static final Duration WINDOW = Duration.ofSeconds(3);
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_DISPATCH_MAX_ATTEMPTS", "1",
      "EXAMHUB_ALERT_INTERVAL", WINDOW.toString()));

  @Test
  void aBurstOfDeadLettersWithinTheWindowIsOneSlackMessage() throws InterruptedException {
    String institution = "burst-" + UUID.randomUUID().toString().substring(0, 8);

    var commands = DeadLetterFixtures.failingFetches(hub, institution, 3, 503);
    assertThat(DeadLetterFixtures.deadLettersOf(hub, institution, 3)).hasSize(3);

    Eventually.holds(Duration.ofSeconds(20), () -> !messagesAbout(institution).isEmpty());
    Thread.sleep(WINDOW.toMillis() + 1000);
    assertThat(messagesAbout(institution)).singleElement().satisfies(text -> assertThat(text)
        .contains("proview/fetch-session " + institution + " 503 x3", "commandId=" + commands.get(0).commandId()));
  }

  @Test
  void aBlacklistedErrorRaisesNoAlertAndIsCountedAsSuppressed() throws InterruptedException {
    String institution = "quiet-" + UUID.randomUUID().toString().substring(0, 8);
    hub.database().getCollection(SlackBlacklist.COLLECTION)
        .insertOne(new Document("institution", institution).append("submodule", "*").append("errorCode", "503")
            .append("reason", "known maintenance"));
    double before = suppressed("blacklist");

    DeadLetterFixtures.failingFetches(hub, institution, 2, 503);
    assertThat(DeadLetterFixtures.deadLettersOf(hub, institution, 2)).hasSize(2);

    Eventually.holds(Duration.ofSeconds(20), () -> suppressed("blacklist") >= before + 2);
    assertThat(messagesAbout(institution)).isEmpty();
  }

  @Test
  void anAlertRecordReachesTheChannel() {
    String institution = "alerting-" + UUID.randomUUID().toString().substring(0, 8);
    // The alert consumer starts at the end of the topic: send until it has joined and picked one up.
    try (DurableProducer producer = new DurableProducer(hub.hub().bootstrapServers(), "alert-test", 5000,
        new SimpleMeterRegistry())) {
      Eventually.holds(Duration.ofSeconds(30), () -> {
        producer.send(Topics.ALERTS, institution, new Alert("fs-poll-failed", institution, "error",
            "FS answered 503 for three polls", "req-42", Instant.now()));
        sleep(500);
        return !messagesAbout(institution).isEmpty();
      });
    }

    assertThat(messagesAbout(institution).get(0))
        .contains("fs-poll-failed " + institution + " error x", "FS answered 503 for three polls", "reference=req-42");
  }

  private static List<String> messagesAbout(String institution) {
    String base = "http://127.0.0.1:" + hub.simulators().orElseThrow().port();
    JsonNode body = Json.tree(Http.get(base + "/slack/messages").body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    List<String> texts = new ArrayList<>();
    body.path("messages").forEach(m -> {
      if (m.path("text").asText().contains(institution)) {
        texts.add(m.path("text").asText());
      }
    });
    return texts;
  }

  private static double suppressed(String reason) {
    String metrics = Http.get(hub.baseUrl() + "/metrics").body();
    return metrics.lines().filter(l -> l.startsWith("examhub_alerts_suppressed_total{") && l.contains("reason=\"" + reason + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
