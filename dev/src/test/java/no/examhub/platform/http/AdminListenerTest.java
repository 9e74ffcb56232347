package no.examhub.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.testing.Http;
import no.examhub.testing.Operator;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code EXAMHUB_ADMIN_PORT} the public port serves only the partner routes and health, and
 * the operator API and metrics are on the admin port alone. Without it one port serves everything
 * (every other hub test).
 */
class AdminListenerTest {
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_ADMIN_PORT", "0"));
  private static String publicUrl;
  private static String adminUrl;

  @BeforeAll
  static void start() {
    publicUrl = hub.baseUrl();
    adminUrl = "http://127.0.0.1:" + hub.hub().adminPort().orElseThrow();
  }

  @Test
  void thePublicPortTakesWebhooksAndHealthButAnswers404ForTheOperatorApiAndMetrics() {
    assertThat(webhook(publicUrl).statusCode()).isEqualTo(200);
    assertThat(Http.get(publicUrl + "/health/live").statusCode()).isEqualTo(200);

    Operator operator = new Operator(publicUrl, hub.demo().adminToken());
    for (String path : new String[] {"/api/institutions", "/api/cases?limit=1", "/api/dead-letters", "/metrics",
        "/console", "/api", "//api/institutions", "/API/institutions", "/Metrics"}) {
      HttpResponse<String> answer = operator.get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(404);
      assertThat(answer.body()).as(path).contains("\"errorCode\":\"70404\"").doesNotContain("examhub_");
    }
    assertThat(operator.put("/api/institutions/demo", "{}").statusCode()).isEqualTo(404);
    assertThat(operator.post("/api/dead-letters/replay", "{\"all\": true}").statusCode()).isEqualTo(404);
  }

  @Test
  void aRawRequestWithAnUnnormalisedOperatorPathIsRefusedOnThePublicPort() throws Exception {
    byte[] wire = ("GET /api/../api/institutions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
        + hub.demo().adminToken() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    String answer = raw(hub.hub().httpPort(), wire);

    assertThat(answer).matches("(?s)HTTP/1.1 (400|404) .*").doesNotContain("\"institutions\"");
  }

  @Test
  void theAdminPortServesTheOperatorApiMetricsAndHealthButNoWebhook() {
    Operator operator = new Operator(adminUrl, hub.demo().adminToken());

    assertThat(operator.get("/api/institutions").statusCode()).isEqualTo(200);
    assertThat(operator.get("/api/institutions").body()).contains("\"demo\"");
    HttpResponse<String> metrics = Http.get(adminUrl + "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("http_server_requests");
    assertThat(Http.get(adminUrl + "/health/live").statusCode()).isEqualTo(200);
    assertThat(new Operator(adminUrl, "not-a-token").get("/api/cases?limit=1").statusCode()).isEqualTo(401);

    HttpResponse<String> webhook = webhook(adminUrl);
    assertThat(webhook.statusCode()).isEqualTo(404);
    assertThat(webhook.body()).contains("\"errorCode\":\"70404\"");
  }

  private static String raw(int port, byte[] request) throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request);
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static HttpResponse<String> webhook(String base) {
    byte[] body = ("{\"contextObjectId\":\"admin-listener-" + UUID.randomUUID() + "\",\"event\":\"resource_created\"}")
        .getBytes(StandardCharsets.UTF_8);
    return Http.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/inspera/demo"))
        .header("Content-Type", "application/json")
        .header(InsperaSignature.HEADER, InsperaSignature.sign(hub.insperaSecret(), body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }
}
