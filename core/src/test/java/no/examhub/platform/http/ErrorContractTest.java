package no.examhub.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.examhub.platform.json.Json;
import no.examhub.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every failure, whatever raised it, answers the one error body with a code; never a stack trace. */
class ErrorContractTest {
  private static Javalin app;
  private static String base;

  @BeforeAll
  static void start() {
    app = HttpServer.create(64, new SimpleMeterRegistry(), List.of(routes -> {
      routes.post("/echo", ctx -> ctx.result(ctx.bodyAsBytes()));
      routes.get("/bug", ctx -> {
        throw new IllegalStateException("a bug with a secret detail");
      });
      routes.get("/refuse", ctx -> {
        throw new ApiException(ErrorCode.RATE_LIMITED, "Slow down.", Map.of("Retry-After", "3"));
      });
    }));
    app.start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  @Test
  void aBugIs60006WithoutItsDetailOrStackTrace() {
    HttpResponse<String> r = Http.get(base + "/bug");

    assertErrorBody(r, 500, "60006");
    assertThat(r.body()).doesNotContain("secret detail", "IllegalStateException", "at no.examhub");
  }

  @Test
  void aBodyOverTheLimitIs70413() {
    HttpResponse<String> r = Http.post(base + "/echo", "x".repeat(1000), Map.of("Content-Type", "application/json"));

    assertErrorBody(r, 413, "70413");
  }

  @Test
  void aWrongMethodOnAnExistingPathIs70406() {
    assertErrorBody(Http.get(base + "/echo"), 405, "70406");
  }

  @Test
  void anUnknownPathIs70404() {
    assertErrorBody(Http.get(base + "/nothing/here"), 404, "70404");
  }

  @Test
  void aHandlersRefusalKeepsItsCodeMessageAndHeaders() {
    HttpResponse<String> r = Http.get(base + "/refuse");

    assertErrorBody(r, 429, "70429");
    assertThat(r.body()).contains("Slow down.");
    assertThat(r.headers().firstValue("Retry-After")).contains("3");
  }

  @Test
  void theRequestIdOfTheBodyIsTheOneInTheHeader() {
    HttpResponse<String> r = Http.get(base + "/nothing");

    assertThat(Json.tree(r.body().getBytes()).path("requestId").asText())
        .isEqualTo(r.headers().firstValue(RequestIds.HEADER).orElseThrow());
  }

  private static void assertErrorBody(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).isEqualTo(status);
    var body = Json.tree(r.body().getBytes());
    assertThat(body.path("errorCode").asText()).isEqualTo(code);
    assertThat(body.path("message").asText()).isNotBlank();
    assertThat(body.path("requestId").asText()).isNotBlank();
  }
}
