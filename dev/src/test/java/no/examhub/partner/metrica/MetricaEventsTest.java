package no.examhub.partner.metrica;

import static no.examhub.partner.metrica.BearerRequests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.examhub.access.ApiClient;
import no.examhub.access.ApiClientRepository;
import no.examhub.access.Scopes;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.platform.crypto.Hmac;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Metrica's three notifications, on a real broker: durable before 200, keyed by their own ids. */
class MetricaEventsTest {
  private static final String EXPIRED_TOKEN = "expired-" + UUID.randomUUID();
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_CONFIG_REFRESH", "PT0.2S"));

  @BeforeAll
  static void start() {
    try (MongoClient mongo = MongoClients.create(hub.mongoUri())) {
      new ApiClientRepository(mongo.getDatabase("examhub")).save(new ApiClient("expired-metrica",
          Hmac.sha256Hex(EXPIRED_TOKEN), Set.of(Scopes.METRICA_PUBLISH), Instant.now().minusSeconds(60), "test"));
    }
  }

  @Test
  void resultsEventIsStoredBeforeItIsAnsweredAndKeyedByItsTestInstance() {
    String tin = "TI-" + UUID.randomUUID();
    String body = "{\"testInstanceId\":\"" + tin + "\",\"testId\":\"T-1001\",\"candidateId\":\"C-42\"}";

    HttpResponse<String> response = post("/metrica/v1/results/event", body, hub.demo().metricaPublisherToken());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"accepted\"}");
    assertThat(stored(body)).singleElement().satisfies(e -> {
      assertThat(e.getKey()).isEqualTo("results/" + tin);
      assertThat(e.getValue().source()).isEqualTo("metrica");
      assertThat(e.getValue().headers()).doesNotContainKey("authorization");
    });
  }

  @Test
  void testPublishedEventIsKeyedByItsTest() {
    String testId = "T-" + UUID.randomUUID();
    String body = "{\"testId\":\"" + testId + "\",\"product\":\"linguaskill\"}";

    assertThat(post("/metrica/v1/tests/event", body, hub.demo().metricaPublisherToken()).statusCode()).isEqualTo(200);
    assertThat(stored(body)).extracting(Map.Entry::getKey).containsExactly("tests/" + testId);
  }

  @Test
  void feedbackEventWithoutATestInstanceFallsBackToItsTest() {
    String testId = "T-" + UUID.randomUUID();
    String body = "{\"testId\":\"" + testId + "\",\"feedback\":\"ready\"}";

    assertThat(post("/metrica/v1/feedback/event", body, hub.demo().metricaPublisherToken()).statusCode()).isEqualTo(200);
    assertThat(stored(body)).extracting(Map.Entry::getKey).containsExactly("feedback/" + testId);
  }

  @Test
  void malformedOrNonObjectBodyIs70416() {
    String token = hub.demo().metricaPublisherToken();

    assertError(post("/metrica/v1/results/event", "{\"testInstanceId\":", token), 400, "70416");
    assertError(post("/metrica/v1/results/event", "[1,2]", token), 400, "70416");
    assertError(post("/metrica/v1/results/event", "", token), 400, "70416");
  }

  @Test
  void nonJsonContentTypeIs70415() {
    Map<String, String> headers = headers(hub.demo().metricaPublisherToken());
    headers.put("Content-Type", "text/plain");

    assertError(Http.post(hub.baseUrl() + "/metrica/v1/tests/event", "{\"testId\":\"T-1\"}", headers), 415, "70415");
  }

  @Test
  void credentialsAreCheckedBeforeTheBody() {
    assertError(post("/metrica/v1/tests/event", "not json", null), 401, "70402");
    assertError(post("/metrica/v1/tests/event", "{}", "not-a-token"), 401, "70401");
    assertError(post("/metrica/v1/tests/event", "{}", hub.demo().metricaConsumerToken()), 403, "70403");
  }

  @Test
  void expiredTokenIs70405() {
    // The directory re-reads clients every 0.2 s; the expired client was saved after start.
    Eventually.holds(Duration.ofSeconds(10),
        () -> post("/metrica/v1/tests/event", "{}", EXPIRED_TOKEN).body().contains("\"70405\""));

    assertError(post("/metrica/v1/tests/event", "{}", EXPIRED_TOKEN), 401, "70405");
  }

  @Test
  void passThroughReachesTheSimulatorWhenNoMetricaUrlIsConfigured() {
    HttpResponse<String> result = Http.send(HttpRequest.newBuilder(
            URI.create(hub.baseUrl() + "/metrica/v1/results/TI-5001"))
        .header("Authorization", "Bearer " + hub.demo().metricaConsumerToken()).GET().build());

    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.body()).contains("\"testInstanceId\":\"TI-5001\"");
  }

  private static List<Map.Entry<String, RawRequest>> stored(String body) {
    return TopicReader.readEntriesUntil(hub.hub().bootstrapServers(), Topics.RAW_METRICA,
        r -> new String(r.body(), StandardCharsets.UTF_8).equals(body), 1, Duration.ofSeconds(15));
  }

  private static HttpResponse<String> post(String path, String body, String token) {
    return Http.post(hub.baseUrl() + path, body, headers(token));
  }

  private static Map<String, String> headers(String token) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/json");
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    return headers;
  }
}
