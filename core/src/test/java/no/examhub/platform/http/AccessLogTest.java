package no.examhub.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.examhub.platform.json.Json;
import no.examhub.platform.logging.JsonLineLayout;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every ingress request leaves one JSON access line with seed 003's indexed fields, and no secret. */
class AccessLogTest {
  private static final ListAppender<ILoggingEvent> LINES = new ListAppender<>();
  private static Javalin server;

  @BeforeAll
  static void start() {
    LINES.start();
    ((Logger) LoggerFactory.getLogger("examhub.access")).addAppender(LINES);
    server = HttpServer.create(10_000, new SimpleMeterRegistry(), List.of(
        new HealthRoutes(Map.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)), routes -> {
      routes.post("/webhooks/inspera/{institution}", ctx -> {
        AccessLog.institution(ctx, ctx.pathParam("institution"), "uio-inspera");
        AccessLog.event(ctx, "confirm_final_grades");
        ctx.result("{}");
      });
      routes.post("/webhooks/proview/{institution}/{token}", ctx -> {
        throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "no");
      });
    }), "prod");
    server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.stop();
    ((Logger) LoggerFactory.getLogger("examhub.access")).detachAppender(LINES);
  }

  @Test
  void anIngressRequestIsLoggedWithOrgInstanceEnvEventAddressAndRouteTemplate() {
    Http.post(base() + "/webhooks/inspera/uio", "{\"event\": \"confirm_final_grades\", \"secret\": \"x\"}",
        Map.of("X-Request-Id", "req-access-1"));

    JsonNode line = lineWith("req-access-1");

    assertThat(line.path("logger").asText()).isEqualTo("examhub.access");
    assertThat(line.path("org").asText()).isEqualTo("uio");
    assertThat(line.path("instance").asText()).isEqualTo("uio-inspera");
    assertThat(line.path("env").asText()).isEqualTo("prod");
    assertThat(line.path("eventName").asText()).isEqualTo("confirm_final_grades");
    assertThat(line.path("remoteAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(line.path("requestUri").asText()).isEqualTo("/webhooks/inspera/uio");
    assertThat(line.path("status").asText()).isEqualTo("200");
    assertThat(line.path("durationMs").asDouble()).isNotNegative();
    assertThat(line.toString()).doesNotContain("secret");
  }

  @Test
  void aCapabilityTokenInThePathNeverReachesTheLog() {
    Http.post(base() + "/webhooks/proview/uio/capability-token-123", "{}", Map.of("X-Request-Id", "req-access-2"));

    JsonNode line = lineWith("req-access-2");

    assertThat(line.path("requestUri").asText()).isEqualTo("/webhooks/proview/uio/{token}");
    assertThat(line.path("status").asText()).isEqualTo("401");
    assertThat(line.toString()).doesNotContain("capability-token-123");
  }

  @Test
  void healthChecksAreNotLogged() {
    assertThat(Http.get(base() + "/health/live").statusCode()).isEqualTo(200);
    Http.get(base() + "/metrics");
    Http.post(base() + "/webhooks/inspera/uio", "{}", Map.of("X-Request-Id", "req-access-3"));

    lineWith("req-access-3");
    assertThat(lines()).noneMatch(l -> l.path("requestUri").asText().matches("/health.*|/metrics"));
  }

  private static JsonNode lineWith(String requestId) {
    Eventually.holds(Duration.ofSeconds(5), () -> find(requestId).isPresent());
    return find(requestId).orElseThrow();
  }

  private static Optional<JsonNode> find(String requestId) {
    return lines().stream().filter(l -> l.path("requestId").asText().equals(requestId)).findFirst();
  }

  private static List<JsonNode> lines() {
    JsonLineLayout layout = new JsonLineLayout();
    synchronized (LINES) {
      return List.copyOf(LINES.list).stream()
          .map(e -> Json.tree(layout.doLayout(e).getBytes(StandardCharsets.UTF_8))).toList();
    }
  }

  private static String base() {
    return "http://127.0.0.1:" + server.port();
  }
}
