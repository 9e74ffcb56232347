package no.examhub.simulator.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.util.Map;
import no.examhub.platform.http.ErrorContract;
import no.examhub.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The FS simulator's own contract: what it records and how it rejects a request FS would reject. */
class FsSimulatorTest {
  private final FsSimulator fs = new FsSimulator();
  private Javalin server;
  private String base;

  @BeforeEach
  void start() {
    server = Javalin.create(cfg -> {
      ErrorContract.register(cfg.routes);
      fs.register(cfg.routes);
    }).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.port() + "/fs/eksamen";
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void registeredExplanationIsRecordedAndAnswered201() {
    HttpResponse<String> answer = Http.post(base + "/begrunnelser/INSPERA",
        "{\"kandidatnr\": \"101\", \"urlBegrunnelse\": \"https://example.org/b.pdf\"}", authorized());

    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(fs.registeredExplanations()).singleElement()
        .satisfies(b -> assertThat(b).containsEntry("kandidatnr", "101"));
  }

  @Test
  void aRepeatedIdempotencyKeyIsAnsweredAgainButRegisteredOnce() {
    Map<String, String> headers = new java.util.HashMap<>(authorized());
    headers.put("Idempotency-Key", "cmd-1");
    String decision = "{\"vurdId\": \"V1\", \"kandidatnr\": \"101\", \"datoVedtak\": \"2026-12-01T10:00:00Z\"}";

    assertThat(Http.post(base + "/klager/WISEFLOW/vedtak", decision, headers).statusCode()).isEqualTo(201);
    assertThat(Http.post(base + "/klager/WISEFLOW/vedtak", decision, headers).statusCode()).isEqualTo(201);

    assertThat(fs.registeredAppealDecisions()).singleElement()
        .satisfies(d -> assertThat(d).containsEntry("datoVedtak", "2026-12-01T10:00:00Z"));
  }

  @Test
  void aRegistrationWithoutBasicAuthIsRefusedThroughTheErrorContract() {
    HttpResponse<String> answer = Http.post(base + "/begrunnelser/INSPERA", "{\"kandidatnr\": \"101\"}",
        Map.of("Content-Type", "application/json"));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("\"errorCode\":\"70402\"");
    assertThat(fs.registeredExplanations()).isEmpty();
  }

  private static Map<String, String> authorized() {
    String basic = java.util.Base64.getEncoder().encodeToString(
        (FsSimulator.USERNAME + ":" + FsSimulator.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Map.of("Content-Type", "application/json", "Authorization", "Basic " + basic);
  }

  @Test
  void changedSinceWithoutSidenIsRejectedThroughTheErrorContract() {
    HttpResponse<String> answer = Http.get(base + "/klager/INSPERA?institusjonsnr=9999");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("\"errorCode\":\"70416\"", "siden");
  }

  @Test
  void unknownExamSystemIsNotFound() {
    assertThat(Http.get(base + "/klager/MOODLE?institusjonsnr=9999&siden=2026-11-24T07:00:00Z").statusCode())
        .isEqualTo(404);
  }
}
