package no.examhub.partner.metrica;

import static no.examhub.partner.metrica.BearerRequests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import no.examhub.platform.json.Json;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DFE's peek-lock queue of results events on a real broker: GET locks the oldest, DELETE with the
 * lock token acknowledges it for good, an expired lock makes it visible again, and
 * acknowledgements survive a restart. Other tests' leftovers on the shared topic are acknowledged
 * as they come up, so each test finds its own events.
 */
class MetricaResultsQueueTest {
  private static final Duration LOCK = Duration.ofSeconds(2);
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_METRICA_LOCK_DURATION", LOCK.toString()));

  @Test
  void lockedEventIsHiddenUntilItsLockExpiresThenComesBackWithANewToken() {
    String tin = publishResults(hub);
    JsonNode locked = nextFor(hub, tin, Set.of());

    assertThat(locked.get("locktoken").asText()).hasSize(32);
    assertThat(locked.get("event").get("testId").asText()).isEqualTo("T-1001");
    assertThat(testInstanceOf(get(hub))).isNotEqualTo(tin);
    JsonNode again = nextFor(hub, tin, Set.of());

    assertThat(again.get("messageId")).isEqualTo(locked.get("messageId"));
    assertThat(again.get("locktoken")).isNotEqualTo(locked.get("locktoken"));
    assertError(delete(hub, locked), 404, "70404");
    assertThat(delete(hub, again).statusCode()).isEqualTo(204);
  }

  @Test
  void acknowledgedEventIsNeverHandedOutAgain() {
    String tin = publishResults(hub);
    assertThat(delete(hub, nextFor(hub, tin, Set.of())).statusCode()).isEqualTo(204);

    String later = publishResults(hub);
    // Long enough for the first event's lock to expire, had it not been acknowledged.
    sleep(LOCK.plusMillis(500));

    assertThat(delete(hub, nextFor(hub, later, Set.of(tin))).statusCode()).isEqualTo(204);
  }

  @Test
  void wrongTokenOrUnknownMessageIs70404() {
    JsonNode locked = nextFor(hub, publishResults(hub), Set.of());

    assertError(send(hub, "DELETE", "/" + locked.get("messageId").asText() + "/" + "0".repeat(32),
        hub.demo().metricaConsumerToken()), 404, "70404");
    assertError(send(hub, "DELETE", "/0-999999999/" + locked.get("locktoken").asText(),
        hub.demo().metricaConsumerToken()), 404, "70404");
    assertError(send(hub, "DELETE", "/not-an-id/x", hub.demo().metricaConsumerToken()), 404, "70404");
    assertThat(delete(hub, locked).statusCode()).isEqualTo(204);
  }

  @Test
  void theFeedIsASupervisedLoopReportedOnReadiness() {
    Eventually.holds(Duration.ofSeconds(20),
        () -> Http.get(hub.baseUrl() + "/health/ready").body().contains("\"metrica-queue\":\"UP\""));

    assertThat(Http.get(hub.baseUrl() + "/metrics").body())
        .contains("examhub_loop_up{", "loop=\"metrica-queue-feed\"");
  }

  @Test
  void overItsBoundTheQueueRefusesResultsEventsWith503AndCountsThem() {
    try (TestHub small = TestHub.start(TestKafka.bootstrapServers(), Map.of("EXAMHUB_METRICA_QUEUE_MAX", "1"))) {
      Eventually.holds(Duration.ofSeconds(20),
          () -> Http.get(small.baseUrl() + "/health/ready").body().contains("\"metrica-queue\":\"UP\""));
      HttpResponse<String> refused = null;
      for (int i = 0; i < 3 && refused == null; i++) {
        HttpResponse<String> answer = postResults(small, "TI-" + UUID.randomUUID());
        if (answer.statusCode() == 503) {
          refused = answer;
        } else {
          assertThat(answer.statusCode()).isEqualTo(200);
          sleep(Duration.ofMillis(700)); // the feed takes it into the queue within a poll
        }
      }

      assertThat(refused).isNotNull();
      assertError(refused, 503, "70509");
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(Http.get(small.baseUrl() + "/metrics").body()).containsPattern("examhub_metrica_queue_refused_total(\\{[^}]*\\})? [1-9]");
      small.awaitStreamsRunning();
    }
  }

  @Test
  void queueNeedsTheQueueScope() {
    assertError(send(hub, "GET", "", null), 401, "70402");
    assertError(send(hub, "GET", "", "not-a-token"), 401, "70401");
    assertError(send(hub, "GET", "", hub.demo().metricaPublisherToken()), 403, "70403");
    assertError(send(hub, "DELETE", "/0-1/x", hub.demo().metricaPublisherToken()), 403, "70403");
  }

  @Test
  void acknowledgementsSurviveARestartAndUnacknowledgedEventsAreDeliveredAgain() throws Exception {
    // The queue keeps nothing in the data directory or under the Streams application id; a new
    // application id spares the test the old Streams member's session timeout (about 45 s).
    String dataDir = Files.createTempDirectory("examhub-restart").toString();
    String acknowledged;
    String pending;
    try (TestHub before = TestHub.start(TestKafka.bootstrapServers(), instance(dataDir))) {
      acknowledged = publishResults(before);
      pending = publishResults(before);
      // The two may lie on different partitions and come out in either order: keep the other one.
      assertThat(delete(before, nextFor(before, acknowledged, Set.of(), Set.of(pending))).statusCode()).isEqualTo(204);
      nextFor(before, pending, Set.of(acknowledged));
      before.awaitStreamsRunning(); // closing Streams mid-rebalance takes its full close timeout
    }

    try (TestHub after = TestHub.start(TestKafka.bootstrapServers(), instance(dataDir))) {
      JsonNode again = nextFor(after, pending, Set.of(acknowledged));

      assertThat(delete(after, again).statusCode()).isEqualTo(204);
      after.awaitStreamsRunning();
    }
  }

  private static Map<String, String> instance(String dataDir) {
    return Map.of("EXAMHUB_APPLICATION_ID", "examhub-metrica-restart-" + UUID.randomUUID(),
        "EXAMHUB_DATA_DIR", dataDir, "EXAMHUB_METRICA_LOCK_DURATION", LOCK.toString());
  }

  /** Publishes a results event for a fresh test instance; returns its id. */
  private static String publishResults(TestHub target) {
    String tin = "TI-" + UUID.randomUUID();
    assertThat(postResults(target, tin).statusCode()).isEqualTo(200);
    return tin;
  }

  private static HttpResponse<String> postResults(TestHub target, String tin) {
    return Http.post(target.baseUrl() + "/metrica/v1/results/event",
        "{\"testInstanceId\":\"" + tin + "\",\"testId\":\"T-1001\",\"status\":\"RESULTS_READY\"}",
        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + target.demo().metricaPublisherToken()));
  }

  /**
   * Polls the queue until it hands out {@code tin}'s event; acknowledges anything else it gets,
   * failing if that is one of {@code never}.
   */
  private static JsonNode nextFor(TestHub target, String tin, Set<String> never) {
    return nextFor(target, tin, never, Set.of());
  }

  /** The same, but leaves the events of {@code keep} locked (they come back when the lock expires). */
  private static JsonNode nextFor(TestHub target, String tin, Set<String> never, Set<String> keep) {
    AtomicReference<JsonNode> found = new AtomicReference<>();
    Eventually.holds(Duration.ofSeconds(20), () -> {
      JsonNode next = get(target);
      String got = testInstanceOf(next);
      assertThat(never).doesNotContain(got);
      if (tin.equals(got)) {
        found.set(next);
        return true;
      }
      if (next != null && !keep.contains(got)) {
        delete(target, next);
      }
      return false;
    });
    return found.get();
  }

  private static JsonNode get(TestHub target) {
    HttpResponse<String> response = send(target, "GET", "", target.demo().metricaConsumerToken());
    if (response.statusCode() == 503 && response.body().contains("\"70507\"")) {
      return null; // a hub that has just started is still loading its queue
    }
    assertThat(response.statusCode()).isIn(200, 204);
    return response.statusCode() == 204 ? null : Json.tree(response.body().getBytes());
  }

  private static String testInstanceOf(JsonNode locked) {
    return locked == null ? null : locked.get("event").path("testInstanceId").asText();
  }

  private static HttpResponse<String> delete(TestHub target, JsonNode locked) {
    return send(target, "DELETE", "/" + locked.get("messageId").asText() + "/" + locked.get("locktoken").asText(),
        target.demo().metricaConsumerToken());
  }

  private static HttpResponse<String> send(TestHub target, String method, String suffix, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/metrica/v1/results/event" + suffix))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return Http.send(b.build());
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
