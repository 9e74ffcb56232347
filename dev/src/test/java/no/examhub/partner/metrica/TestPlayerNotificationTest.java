package no.examhub.partner.metrica;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.FailedCommand;
import no.examhub.event.Topics;
import no.examhub.partner.standard.StandardWebhookSignature;
import no.examhub.simulator.testplayer.TestPlayerSimulator.Delivery;
import no.examhub.simulator.testplayer.TestPlayerSimulator;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Metrica's events pushed to the simulated test players, on a real broker. Hubs share the broker,
 * so each test marks its event with a fresh test id and looks only at deliveries carrying it.
 */
class TestPlayerNotificationTest {
  private static final Duration WITHIN = Duration.ofSeconds(30);
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_DISPATCH_MAX_ATTEMPTS", "5,metrica=3",
      "EXAMHUB_DISPATCH_BACKOFF", "PT0.05S", "EXAMHUB_DISPATCH_MAX_BACKOFF", "PT0.2S"));
  private static TestPlayerSimulator players;

  @BeforeAll
  static void start() {
    players = hub.simulators().orElseThrow().testPlayers();
  }

  @Test
  void publishedTestReachesBothTestPlayersOnceCorrectlySigned() {
    String testId = publishTest();

    Eventually.holds(WITHIN, () -> players.deliveriesContaining(testId).size() >= 2);
    List<Delivery> got = players.deliveriesContaining(testId);
    // The simulator answers 401 to a bad signature, and records only what it verified.
    assertThat(got).extracting(Delivery::player).containsExactlyInAnyOrder("jetpack", "evolve");
    assertThat(got).allSatisfy(d -> {
      assertThat(d.status()).isEqualTo(200);
      assertThat(d.body()).contains("\"type\":\"metrica.tests\"").contains("\"testId\":\"" + testId + "\"");
      assertThat(d.webhookId()).endsWith("/" + d.player());
    });
  }

  @Test
  void testPlayerFailingTwiceGetsThreeDeliveriesAndTheOtherOne() {
    String testId = "T-" + UUID.randomUUID();
    players.failDeliveriesContaining("jetpack", testId, 2, 500);
    publishTest(testId);

    Eventually.holds(WITHIN, () -> accepted(testId, "jetpack") == 1);
    List<Delivery> got = players.deliveriesContaining(testId);
    assertThat(got).filteredOn(d -> d.player().equals("jetpack")).extracting(Delivery::status)
        .containsExactly(500, 500, 200);
    assertThat(got).filteredOn(d -> d.player().equals("evolve")).extracting(Delivery::status).containsExactly(200);
    // One webhook id across the retries, so the test player can tell a repeat.
    assertThat(got.stream().filter(d -> d.player().equals("jetpack")).map(Delivery::webhookId).distinct()).hasSize(1);
  }

  @Test
  void testPlayerThatAlwaysFailsIsDeadLetteredWhileTheOtherGetsIt() {
    String testId = "T-" + UUID.randomUUID();
    players.failDeliveriesContaining("evolve", testId, 100, 503);
    publishTest(testId);

    List<FailedCommand> dead = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.COMMAND_DEAD_LETTERS,
        f -> Wire.payload(f.command()).toString().contains(testId), 1, WITHIN);
    assertThat(dead).singleElement().satisfies(f -> {
      assertThat(f.attempts()).isEqualTo(3);
      assertThat(f.reason()).contains("evolve").doesNotContain("jetpack");
    });
    List<Delivery> got = players.deliveriesContaining(testId);
    assertThat(got).filteredOn(d -> d.player().equals("evolve")).hasSize(3).allMatch(d -> d.status() == 503);
    assertThat(got).filteredOn(d -> d.player().equals("jetpack")).extracting(Delivery::status).containsExactly(200);
  }

  @Test
  void testPlayerSimulatorRefusesAWrongSignature() {
    String testId = "T-" + UUID.randomUUID();
    String body = "{\"data\":{\"testId\":\"" + testId + "\"}}";
    long now = java.time.Instant.now().getEpochSecond();
    String forged = StandardWebhookSignature.sign("whsec_" + java.util.Base64.getEncoder().encodeToString(
        "not-the-players-key".getBytes()), "msg-1", now, body.getBytes());

    var response = Http.post("http://127.0.0.1:" + hub.simulators().orElseThrow().port() + "/testplayer/jetpack/webhook",
        body, Map.of("Content-Type", "application/json", "webhook-id", "msg-1", "webhook-timestamp",
            Long.toString(now), "webhook-signature", forged));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(players.deliveriesContaining(testId)).isEmpty();
  }

  private static long accepted(String testId, String player) {
    return players.deliveriesContaining(testId).stream()
        .filter(d -> d.player().equals(player) && d.status() == 200).count();
  }

  private static String publishTest() {
    String testId = "T-" + UUID.randomUUID();
    publishTest(testId);
    return testId;
  }

  private static void publishTest(String testId) {
    var response = Http.post(hub.baseUrl() + "/metrica/v1/tests/event", "{\"testId\":\"" + testId + "\"}",
        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + hub.demo().metricaPublisherToken()));
    assertThat(response.statusCode()).isEqualTo(200);
  }
}
