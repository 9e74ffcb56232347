package no.examhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import no.examhub.event.Topics;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TestKafka;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EXAMHUB_ROLES on a real broker: an ingress-only instance stores webhooks on their raw topic with
 * no Streams and no state, and an instance without the ingress serves no webhook route but is ready.
 */
class RolesTest {
  @TempDir
  Path dataDir;

  @Test
  void anIngressOnlyInstanceStoresAWebhookOnItsRawTopicAndRunsNoStreams() {
    try (TestHub hub = TestHub.start(TestKafka.bootstrapServers(),
        Map.of("EXAMHUB_ROLES", "ingress", "EXAMHUB_DATA_DIR", dataDir.toString()))) {
      String objectId = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000, 900_000_000));

      assertThat(postInspera(hub, objectId).statusCode()).isEqualTo(200);

      assertThat(TopicReader.readUntil(TestKafka.bootstrapServers(), Topics.RAW_INSPERA,
          r -> r.bodyText().contains(objectId), 1, Duration.ofSeconds(30))).hasSize(1);
      assertThat(hub.hub().streams()).isNull();
      assertThat(Files.exists(dataDir.resolve("streams"))).isFalse();
      Eventually.holds(Duration.ofSeconds(30), () -> Http.get(hub.baseUrl() + "/health/ready").statusCode() == 200);
      assertThat(Http.get(hub.baseUrl() + "/health/ready").body()).contains("\"kafka\"").doesNotContain("streams")
          .doesNotContain("dispatch").doesNotContain("fs-poller");
    }
  }

  @Test
  void anInstanceWithoutStreamsAnswersCaseQueriesWith421NamingTheRole() {
    try (TestHub hub = TestHub.start(TestKafka.bootstrapServers(),
        Map.of("EXAMHUB_ROLES", "ingress", "EXAMHUB_DATA_DIR", dataDir.toString()))) {
      HttpResponse<String> cases = Http.get(hub.baseUrl() + "/api/cases/demo/1/2");

      assertThat(cases.statusCode()).isEqualTo(421);
      assertThat(cases.body()).contains("70421").contains("streams");
    }
  }

  @Test
  void aStreamsAndDispatchInstanceServesNoWebhookRouteButIsReady() {
    try (TestHub hub = TestHub.start(TestKafka.bootstrapServers(), Map.of("EXAMHUB_ROLES", "streams,dispatch"))) {
      HttpResponse<String> webhook = postInspera(hub, "1");

      assertThat(webhook.statusCode()).isEqualTo(404);
      assertThat(webhook.body()).contains("70404");
      Eventually.holds(Duration.ofSeconds(60), () -> Http.get(hub.baseUrl() + "/health/ready").statusCode() == 200);
      assertThat(Http.get(hub.baseUrl() + "/health/ready").body()).contains("\"streams\":\"UP\"")
          .contains("\"dispatch\":\"UP\"").doesNotContain("metrica-queue").doesNotContain("fs-poller");
      // The operator API is there: without a token it is refused, not missing.
      assertThat(Http.get(hub.baseUrl() + "/api/cases").statusCode()).isEqualTo(401);
    }
  }

  private static HttpResponse<String> postInspera(TestHub hub, String objectId) {
    String body = "{\"contextObjectId\": " + objectId + ", \"event\": \"confirm_final_grades\", \"timestamp\": \""
        + Instant.now() + "\"}";
    return Http.post(hub.baseUrl() + "/webhooks/inspera/demo", body, Map.of("Content-Type", "application/json",
        InsperaSignature.HEADER, InsperaSignature.sign(hub.insperaSecret(), body.getBytes(StandardCharsets.UTF_8))));
  }
}
