package no.examhub.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import no.examhub.event.ExamSystem;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.WebhookSecrets;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fair ingress: each institution has its own bucket per source, counted only once it has proven
 * who it is, and each client address its own bucket before that. 5 requests a second per
 * institution, 2 per address; the test's requests come through a trusted proxy (127.0.0.1), so
 * each names its client in {@code X-Forwarded-For}.
 */
class RateLimitTest {
  private static final String OTHER = "rate-b";
  private static final String QUIET = "rate-c";
  private static final String SECRET = "rate-limit-test-secret";
  private static final AtomicInteger ADDRESSES = new AtomicInteger();
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_RATE_LIMIT_PER_SECOND", "5",
      "EXAMHUB_CLIENT_RATE_LIMIT_PER_SECOND", "2", "EXAMHUB_TRUSTED_PROXIES", "127.0.0.1,::1",
      "EXAMHUB_CONFIG_REFRESH", "PT0.2S", "EXAMHUB_FS_URL", "http://127.0.0.1:9/fs", "EXAMHUB_FS_POLL_INTERVAL", "PT1H"));

  @BeforeAll
  static void start() throws Exception {
    try (MongoClient client = MongoClients.create(hub.mongoUri())) {
      InstitutionRepository repository = new InstitutionRepository(client.getDatabase("examhub"));
      for (String name : List.of(OTHER, QUIET)) {
        repository.save(new Institution(name, "7777", "7777", ExamSystem.INSPERA, name, "test", true, true, true, "",
            new WebhookSecrets(List.of(SECRET), null, null, null, Map.of()), null));
      }
    }
    Thread.sleep(1000);
  }

  @Test
  void oneInstitutionsFloodLeavesAnotherInstitutionItsTwoHundreds() {
    List<HttpResponse<String>> flood = new ArrayList<>();
    List<HttpResponse<String>> other = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      flood.add(inspera("demo", hub.insperaSecret(), freshAddress()));
      if (i % 10 == 9) {
        other.add(inspera(OTHER, SECRET, freshAddress()));
      }
    }

    assertThat(flood).filteredOn(r -> r.statusCode() == 429).hasSizeGreaterThan(20).allSatisfy(r -> {
      assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(
          v -> assertThat(Long.parseLong(v)).isBetween(1L, 5L));
      assertThat(r.body()).contains("\"errorCode\":\"70429\"", "\"requestId\"");
    });
    assertThat(other).extracting(HttpResponse::statusCode).containsOnly(200);
    assertThat(metric("examhub_ingress_rate_limited_total", "limit=\"tenant\"", "source=\"inspera\"")).isPositive();
  }

  @Test
  void requestsThatFailAuthenticationSpendNoneOfTheInstitutionsTokens() {
    for (int i = 0; i < 20; i++) {
      assertThat(inspera(QUIET, "not-the-secret", freshAddress()).statusCode()).isEqualTo(401);
    }

    assertThat(inspera(QUIET, SECRET, freshAddress()).statusCode()).isEqualTo(200);
  }

  @Test
  void oneAddressIsLimitedBeforeAuthenticationWhileOtherAddressesAreNot() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      statuses.add(inspera("demo", "forged", "203.0.113.7").statusCode());
    }
    HttpResponse<String> limited = inspera("demo", "forged", "203.0.113.7");

    assertThat(statuses.subList(0, 2)).containsOnly(401);
    assertThat(statuses).filteredOn(s -> s == 429).hasSizeGreaterThan(5);
    assertThat(limited.body()).contains("\"errorCode\":\"70429\"", "from this address");
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(inspera("demo", "forged", "203.0.113.8").statusCode()).isEqualTo(401);
    assertThat(metric("examhub_ingress_rate_limited_total", "limit=\"address\"", "source=\"inspera\"")).isPositive();
  }

  @Test
  void operatorEndpointsAreNotRateLimited() {
    for (int i = 0; i < 20; i++) {
      assertThat(Http.get(hub.baseUrl() + "/health/live").statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> inspera(String institution, String secret, String clientAddress) {
    String body = "{\"contextObjectId\": " + (900_000 + ADDRESSES.get()) + ", \"event\": \"resource_created\","
        + " \"timestamp\": \"" + Instant.now() + "\"}";
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-Forwarded-For", "198.51.100.99, " + clientAddress);
    headers.put(InsperaSignature.HEADER, InsperaSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8)));
    return Http.post(hub.baseUrl() + "/webhooks/inspera/" + institution, body, headers);
  }

  private static String freshAddress() {
    int n = ADDRESSES.incrementAndGet();
    return "10.1." + (n / 250) + "." + (n % 250 + 1);
  }

  private static double metric(String name, String... labels) {
    return Http.get(hub.baseUrl() + "/metrics").body().lines()
        .filter(l -> l.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
