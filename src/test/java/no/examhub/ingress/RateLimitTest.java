package no.examhub.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With a rate of one request per second per source, a burst is answered 429 with Retry-After. */
class RateLimitTest {
  private static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start(TestKafka.bootstrapServers(), Map.of("EXAMHUB_RATE_LIMIT_PER_SECOND", "1"));
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void burstBeyondTheRateIsAnswered429WithRetryAfterAndOtherSourcesKeepTheirOwnBucket() {
    List<HttpResponse<String>> burst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      burst.add(Http.post(hub.baseUrl() + "/webhooks/proview/demo/wrong-token", "{}", Map.of()));
    }
    HttpResponse<String> otherSource = Http.post(hub.baseUrl() + "/webhooks/standard/demo/nobody", "{}", Map.of());

    assertThat(burst.get(0).statusCode()).isEqualTo(401);
    assertThat(burst.subList(1, 5)).allSatisfy(r -> {
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(
          v -> assertThat(Long.parseLong(v)).isBetween(1L, 5L));
      assertThat(r.body()).contains("\"errorCode\":\"70429\"", "\"requestId\"");
    });
    assertThat(otherSource.statusCode()).isEqualTo(404);
    assertThat(Http.get(hub.baseUrl() + "/metrics").body().lines()
        .filter(l -> l.startsWith("examhub_ingress_rejected_total")))
        .anySatisfy(l -> assertThat(l).contains("reason=\"70429\"", "source=\"proview\""));
  }

  @Test
  void operatorEndpointsAreNotRateLimited() {
    for (int i = 0; i < 5; i++) {
      assertThat(Http.get(hub.baseUrl() + "/health/live").statusCode()).isEqualTo(200);
    }
  }
}
