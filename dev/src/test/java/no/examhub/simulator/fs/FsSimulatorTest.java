package no.examhub.simulator.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import no.examhub.event.ExamSystem;
import no.examhub.platform.http.ErrorContract;
import no.examhub.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FS simulator's own contract: two servers (test and production) under {@code /fs/{fsEnv}},
 * each with its own FSWS users and records; Basic auth on every call, reads included; what it
 * records and how it rejects a request FS would reject.
 */
class FsSimulatorTest {
  private static final String SINCE = "siden=2026-11-24T07:00:00Z";

  private final FsSimulator fs = FsSimulator.demo(Instant.parse("2026-11-24T08:00:00Z"));
  private final FsSimulator prod = FsSimulator.demoProduction();
  private Javalin server;
  private String base;
  private String prodBase;

  @BeforeEach
  void start() {
    server = Javalin.create(cfg -> {
      ErrorContract.register(cfg.routes);
      fs.register(cfg.routes);
      prod.register(cfg.routes);
    }).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.port() + "/fs/test/eksamen";
    prodBase = "http://127.0.0.1:" + server.port() + "/fs/prod/eksamen";
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void aReadWithTheInstitutionsUserAnswersItsRecords() {
    HttpResponse<String> answer = get(base + "/klager/INSPERA?institusjonsnr=9999&" + SINCE, test());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("DEMO-INF1000-2026H", "AKTIV", "TRUKKET");
  }

  @Test
  void aReadWithoutBasicAuthIsRefused401WithFswsChallenge() {
    HttpResponse<String> answer = Http.get(base + "/klager/INSPERA?institusjonsnr=9999&" + SINCE);

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"FSWS\"");
    assertThat(answer.body()).doesNotContain("DEMO-INF1000-2026H");
    assertThat(fs.requests()).last().satisfies(r -> assertThat(r.status()).isEqualTo(401));
  }

  @Test
  void aWrongPasswordIsRefused401() {
    assertThat(get(base + "/begrunnelse/INSPERA?institusjonsnr=9999&" + SINCE,
        basic(FsSimulator.USERNAME, "not-the-password")).statusCode()).isEqualTo(401);
    assertThat(get(base + "/klager/INSPERA/DEMO-INF1000-2026H", basic(FsSimulator.USERNAME, "x")).statusCode())
        .isEqualTo(401);
  }

  @Test
  void theTestServersUserIsUnknownToProductionAndTheServersKeepTheirOwnRecords() {
    assertThat(get(prodBase + "/klager/INSPERA?institusjonsnr=9999&" + SINCE, test()).statusCode()).isEqualTo(401);

    HttpResponse<String> onProd = get(prodBase + "/klager/INSPERA?institusjonsnr=9999&" + SINCE,
        basic(FsSimulator.PROD_USERNAME, FsSimulator.PROD_PASSWORD));
    assertThat(onProd.statusCode()).isEqualTo(200);
    assertThat(onProd.body()).isEqualTo("[]");
    assertThat(get(base + "/klager/INSPERA?institusjonsnr=9999&" + SINCE,
        basic(FsSimulator.PROD_USERNAME, FsSimulator.PROD_PASSWORD)).statusCode()).isEqualTo(401);
  }

  @Test
  void aUserReadsOnlyItsOwnInstitution() {
    fs.addUser("uib-fsws", "uib-password", "184");
    fs.putAppeal(ExamSystem.INSPERA, "184", Instant.parse("2026-11-24T08:00:00Z"),
        Map.of("vurdId", "DEMO-INF1000-2026H", "kandidatnr", "7", "klagestatus", "AKTIV"));

    assertThat(get(base + "/klager/INSPERA?institusjonsnr=9999&" + SINCE, basic("uib-fsws", "uib-password"))
        .statusCode()).isEqualTo(403);
    assertThat(get(base + "/klager/INSPERA/DEMO-INF1000-2026H", basic("uib-fsws", "uib-password")).body())
        .contains("\"kandidatnr\":\"7\"").doesNotContain("\"kandidatnr\":\"101\"");
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
    Map<String, String> headers = new HashMap<>(authorized());
    headers.put("Idempotency-Key", "cmd-1");
    String decision = "{\"vurdId\": \"V1\", \"kandidatnr\": \"101\", \"datoVedtak\": \"2026-12-01T10:00:00Z\"}";

    assertThat(Http.post(base + "/klager/WISEFLOW/vedtak", decision, headers).statusCode()).isEqualTo(201);
    assertThat(Http.post(base + "/klager/WISEFLOW/vedtak", decision, headers).statusCode()).isEqualTo(201);

    assertThat(fs.registeredAppealDecisions()).singleElement()
        .satisfies(d -> assertThat(d).containsEntry("datoVedtak", "2026-12-01T10:00:00Z"));
  }

  @Test
  void aRegistrationWithoutBasicAuthIsRefused401() {
    HttpResponse<String> answer = Http.post(base + "/begrunnelser/INSPERA", "{\"kandidatnr\": \"101\"}",
        Map.of("Content-Type", "application/json"));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"FSWS\"");
    assertThat(fs.registeredExplanations()).isEmpty();
  }

  @Test
  void changedSinceWithoutSidenIsRejectedThroughTheErrorContract() {
    HttpResponse<String> answer = get(base + "/klager/INSPERA?institusjonsnr=9999", test());

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("\"errorCode\":\"70416\"", "siden");
  }

  @Test
  void unknownExamSystemIsNotFound() {
    assertThat(get(base + "/klager/MOODLE?institusjonsnr=9999&" + SINCE, test()).statusCode()).isEqualTo(404);
  }

  @Test
  void thereIsNoFsOutsideAnEnvironment() {
    assertThat(get("http://127.0.0.1:" + server.port() + "/fs/eksamen/klager/INSPERA?institusjonsnr=9999&" + SINCE,
        test()).statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> get(String url, String authorization) {
    return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).GET().build());
  }

  private static String test() {
    return basic(FsSimulator.USERNAME, FsSimulator.PASSWORD);
  }

  private static String basic(String username, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> authorized() {
    return Map.of("Content-Type", "application/json", "Authorization", test());
  }
}
