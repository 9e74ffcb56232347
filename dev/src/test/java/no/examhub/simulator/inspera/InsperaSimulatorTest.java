package no.examhub.simulator.inspera;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.examhub.platform.http.ErrorContract;
import no.examhub.simulator.DemoData;
import no.examhub.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator refuses what Inspera refuses (../shared/partners/README.md), in Inspera's shape:
 * the token exchange taken exactly, a raw API key as Bearer refused, {@code externalId} refused
 * as a search parameter, one tenant's token useless on another.
 */
class InsperaSimulatorTest {
  private final InsperaSimulator inspera = InsperaSimulator.demo();
  private Javalin app;
  private String root;
  private String api;

  @BeforeEach
  void start() {
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      ErrorContract.register(cfg.routes);
      inspera.register(cfg.routes);
    }).start("127.0.0.1", 0);
    root = "http://127.0.0.1:" + app.port() + "/inspera/";
    api = root + DemoData.DEMO_INSPERA_DOMAIN + "/api";
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void theTokenExchangeAnswersAnAccessTokenThatLastsAboutAnHour() {
    HttpResponse<String> answer = exchange(api, "grant_type=authorization_code&client_id=examhub-demo",
        InsperaSimulator.API_KEY, "application/x-www-form-urlencoded", "");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(field(answer.body(), "access_token")).isNotBlank().isNotEqualTo(InsperaSimulator.API_KEY);
    assertThat(Long.parseLong(field(answer.body(), "expires_in"))).isEqualTo(3600);
  }

  @Test
  void aWrongApiKeyOrClientIdIsInvalidGrant() {
    HttpResponse<String> wrongKey = exchange(api, "grant_type=authorization_code&client_id=examhub-demo", "wrong",
        "application/x-www-form-urlencoded", "");
    HttpResponse<String> wrongClient = exchange(api, "grant_type=authorization_code&client_id=other",
        InsperaSimulator.API_KEY, "application/x-www-form-urlencoded", "");

    assertThat(wrongKey.statusCode()).isEqualTo(401);
    assertThat(wrongKey.body()).isEqualTo("{\"error\":\"invalid_grant\"}");
    assertThat(wrongClient.statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenRequestWithoutClientIdCodeFormTypeOrWithABodyIsInvalidRequest() {
    String form = "application/x-www-form-urlencoded";
    assertThat(exchange(api, "grant_type=authorization_code", InsperaSimulator.API_KEY, form, "").statusCode())
        .isEqualTo(400);
    assertThat(exchange(api, "grant_type=authorization_code&client_id=examhub-demo", null, form, "").statusCode())
        .isEqualTo(400);
    assertThat(exchange(api, "client_id=examhub-demo", InsperaSimulator.API_KEY, form, "").statusCode()).isEqualTo(400);
    assertThat(exchange(api, "grant_type=authorization_code&client_id=examhub-demo", InsperaSimulator.API_KEY,
        "application/json", "").statusCode()).isEqualTo(400);
    assertThat(exchange(api, "grant_type=authorization_code&client_id=examhub-demo", InsperaSimulator.API_KEY, form,
        "code=" + InsperaSimulator.API_KEY).statusCode()).isEqualTo(400);
  }

  @Test
  void theRawApiKeyAsBearerIsRefusedAndTheExchangedTokenAccepted() {
    HttpResponse<String> withKey = get(api + "/v1/test/" + InsperaDemoTests.EXAM_TEST, InsperaSimulator.API_KEY);
    HttpResponse<String> withToken = get(api + "/v1/test/" + InsperaDemoTests.EXAM_TEST, token(api));

    assertThat(withKey.statusCode()).isEqualTo(401);
    assertThat(withKey.body()).startsWith("{\"error\":");
    assertThat(withToken.statusCode()).isEqualTo(200);
  }

  @Test
  void aTenantsTokenIsRefusedByAnotherTenant() {
    inspera.addTenant("nokut.inspera.no", "examhub-nokut").withApiKey("nokut-key");
    String nokutApi = root + "nokut.inspera.no/api";

    assertThat(get(nokutApi + "/v1/test/search?externalTestID=X", token(api)).statusCode()).isEqualTo(401);
    assertThat(exchange(nokutApi, "grant_type=authorization_code&client_id=examhub-nokut", InsperaSimulator.API_KEY,
        "application/x-www-form-urlencoded", "").statusCode()).isEqualTo(401);
    assertThat(get(root + "unknown.inspera.no/api/v1/test/search", token(api)).statusCode()).isEqualTo(404);
  }

  @Test
  void searchTakesExternalTestIdAndAnswersHitsPageAndResultsInPages() {
    inspera.demoTenant().searchPageSize(1);
    inspera.putTest(InsperaDemoTests.test("1", "SEARCH-A", "A", "EXAM", List.of()));
    inspera.putTest(InsperaDemoTests.test("2", "SEARCH-AB", "AB", "EXAM", List.of()));
    String token = token(api);

    String first = get(api + "/v1/test/search?externalTestID=SEARCH-A", token).body();
    String second = get(api + "/v1/test/search?externalTestID=SEARCH-A&page=2", token).body();

    assertThat(field(first, "hits")).isEqualTo("2");
    assertThat(field(first, "page")).isEqualTo("1");
    assertThat(tree(first).path("results").get(0).path("externalId").asText()).isEqualTo("SEARCH-A");
    assertThat(tree(first).path("results").get(0).path("assessmentRunId").asLong()).isEqualTo(1);
    assertThat(tree(second).path("results").get(0).path("externalId").asText()).isEqualTo("SEARCH-AB");
  }

  @Test
  void externalIdIsNotASearchParameter() {
    HttpResponse<String> answer = get(api + "/v1/test/search?externalId=DEMO-INF1000-2026H", token(api));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("externalId");
  }

  @Test
  void aRepeatedIdempotencyKeyIsAnsweredAgainButAppliedOnce() {
    String token = token(api);
    HttpResponse<String> first = appeal("key-1", token);
    HttpResponse<String> repeat = appeal("key-1", token);
    HttpResponse<String> other = appeal("key-2", token);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(repeat.statusCode()).isEqualTo(201);
    assertThat(other.statusCode()).isEqualTo(201);
    assertThat(inspera.applied("appeal")).hasSize(2);
    assertThat(inspera.script().calls()).extracting(c -> c.applied()).containsExactly(true, false, true);
  }

  @Test
  void theExportJobIsPendingOnTheFirstPollAndDoneWithADownloadUrlOnTheSecond() {
    inspera.putExport("123", new GeneratedExport.Spec(2, 3, 2));
    String token = token(api);
    String jobId = field(Http.post(api + "/v1/test/123/events", "{}", Map.of("Authorization", "Bearer " + token,
        "Idempotency-Key", "k")).body(), "jobId");

    String firstPoll = get(api + "/v1/test/123/events?jobId=" + jobId, token).body();
    String secondPoll = get(api + "/v1/test/123/events?jobId=" + jobId, token).body();
    String file = Http.get(field(secondPoll, "url")).body();

    assertThat(field(firstPoll, "status")).isEqualTo("PENDING");
    assertThat(field(secondPoll, "status")).isEqualTo("DONE");
    assertThat(file).startsWith("{\"created\"").contains("\"candidateId\":\"1001\"").endsWith("]}");
    assertThat(Http.get(field(secondPoll, "url").replace("signature=", "signature=0")).statusCode()).isEqualTo(403);
  }

  @Test
  void theEventTypesAreAnApiAnswer() {
    HttpResponse<String> answer = get(api + "/v1/subscription/events", token(api));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("confirm_final_grades", "event_by_candidates_export_finished");
  }

  @Test
  void aSubscriptionWhoseEndpointDoesNotAnswer200IsRefusedAndNotListed() {
    String token = token(api);
    HttpResponse<String> refused = Http.post(api + "/v1/subscription",
        "{\"event\":\"confirm_final_grades\",\"endpoint\":\"" + root + "nowhere\",\"secret\":\"s\"}",
        Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(get(api + "/v1/subscription", token).body()).isEqualTo("{\"subscriptions\":[]}");
  }

  private HttpResponse<String> appeal(String key, String token) {
    return Http.post(api + "/v1/test/" + InsperaDemoTests.EXAM_TEST + "/appeals", "{\"candidateId\": \"101\"}",
        Map.of("Authorization", "Bearer " + token, "Idempotency-Key", key, "Content-Type", "application/json"));
  }

  private static String token(String api) {
    return field(exchange(api, "grant_type=authorization_code&client_id=" + InsperaSimulator.DEMO_CLIENT_ID,
        InsperaSimulator.API_KEY, "application/x-www-form-urlencoded", "").body(), "access_token");
  }

  static HttpResponse<String> exchange(String api, String query, String code, String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + "/authenticate/token/?" + query))
        .header("Content-Type", contentType)
        .POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (code != null) {
      b.header("code", code);
    }
    return Http.send(b.build());
  }

  private static HttpResponse<String> get(String url, String token) {
    return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build());
  }

  private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    return no.examhub.platform.json.Json.tree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String field(String json, String name) {
    return tree(json).path(name).asText();
  }
}
