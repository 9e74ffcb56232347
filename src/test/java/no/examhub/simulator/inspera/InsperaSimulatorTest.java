package no.examhub.simulator.inspera;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.util.Map;
import no.examhub.platform.http.ErrorContract;
import no.examhub.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's own contract: what tests and the demo rely on. */
class InsperaSimulatorTest {
  private final InsperaSimulator inspera = InsperaSimulator.demo();
  private Javalin app;
  private String base;

  @BeforeEach
  void start() {
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      ErrorContract.register(cfg.routes);
      inspera.register(cfg.routes);
    }).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port() + "/inspera/v1/test/";
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void aRepeatedIdempotencyKeyIsAnsweredAgainButAppliedOnce() {
    HttpResponse<String> first = appeal("key-1");
    HttpResponse<String> repeat = appeal("key-1");
    HttpResponse<String> other = appeal("key-2");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(repeat.statusCode()).isEqualTo(201);
    assertThat(other.statusCode()).isEqualTo(201);
    assertThat(inspera.applied("appeal")).hasSize(2);
    assertThat(inspera.script().calls()).extracting(c -> c.applied()).containsExactly(true, false, true);
  }

  @Test
  void aWrongApiKeyIsRefusedThroughTheErrorContract() {
    HttpResponse<String> answer = Http.post(base + InsperaDemoTests.EXAM_TEST + "/appeals", "{}",
        Map.of("Authorization", "Bearer wrong", "Content-Type", "application/json"));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("\"errorCode\":\"70401\"");
    assertThat(inspera.applied()).isEmpty();
  }

  @Test
  void theExportJobIsPendingOnTheFirstPollAndDoneWithADownloadUrlOnTheSecond() {
    inspera.putExport("123", new GeneratedExport.Spec(2, 3, 2));
    String jobId = Json.field(post(base + "123/events", "k").body(), "jobId");

    String firstPoll = get(base + "123/events?jobId=" + jobId).body();
    String secondPoll = get(base + "123/events?jobId=" + jobId).body();
    String file = Http.get(Json.field(secondPoll, "url")).body();

    assertThat(Json.field(firstPoll, "status")).isEqualTo("PENDING");
    assertThat(Json.field(secondPoll, "status")).isEqualTo("DONE");
    assertThat(file).startsWith("{\"created\"").contains("\"candidateId\":\"1001\"").endsWith("]}");
    assertThat(Http.get(Json.field(secondPoll, "url").replace("signature=", "signature=0")).statusCode()).isEqualTo(403);
  }

  private HttpResponse<String> appeal(String key) {
    return Http.post(base + InsperaDemoTests.EXAM_TEST + "/appeals", "{\"candidateId\": \"101\"}",
        Map.of("Authorization", "Bearer " + InsperaSimulator.API_KEY, "Idempotency-Key", key,
            "Content-Type", "application/json"));
  }

  private static HttpResponse<String> post(String url, String key) {
    return Http.post(url, "{}", Map.of("Authorization", "Bearer " + InsperaSimulator.API_KEY, "Idempotency-Key", key));
  }

  private static HttpResponse<String> get(String url) {
    return Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
        .header("Authorization", "Bearer " + InsperaSimulator.API_KEY).GET().build());
  }

  private static final class Json {
    static String field(String json, String name) {
      return no.examhub.platform.json.Json.tree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).path(name).asText();
    }
  }
}
