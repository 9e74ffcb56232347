package no.examhub.partner.wiseflow;

import static no.examhub.simulator.wiseflow.WiseflowFlows.DEMO_SIS_CODE;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.examhub.event.Operations;
import no.examhub.simulator.wiseflow.WiseflowSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WISEflow's published contract, OpenAPI 1.34.0, trimmed to what Examhub uses
 * ({@code contracts/wiseflow-openapi-trimmed.yaml}), checked with Atlassian's OpenAPI validator:
 * every request Examhub's WISEflow client sends and every answer the WISEflow simulator gives, as
 * recorded on the wire; and the trimmed contract itself against the published file beside the
 * repository ({@code ../shared/partners/}).
 */
class WiseflowContractTest {
  static final String TRIMMED = "/contracts/wiseflow-openapi-trimmed.yaml";
  /** Beside the clone, as CI has it; {@code -Dexamhub.shared=DIR} for a tree that lives elsewhere. */
  static final Path PUBLISHED = Path.of(System.getProperty("examhub.shared", "../shared"), "partners",
      "wiseflow-openapi-1.34.0.yaml");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** What the trimmed contract leaves out: prose, not contract. */
  private static final Set<String> PROSE = Set.of("description", "summary", "example", "examples", "tags",
      "operationId", "x-codegen-request-body-name");

  private static String trimmed;
  private static OpenApiInteractionValidator validator;

  @BeforeAll
  static void load() throws IOException {
    try (var in = WiseflowContractTest.class.getResourceAsStream(TRIMMED)) {
      trimmed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    validator = OpenApiInteractionValidator.createForInlineApiSpecification(trimmed)
        // allOf merged, so the validator's strictness about unknown properties holds across explanation-basic's parts.
        .withResolveCombinators(true).withBasePathOverride(WiseflowSimulator.BASE).build();
  }

  @Test
  void theTrimmedContractIsCopiedFromThePublishedOne() throws IOException {
    Assumptions.assumeTrue(Files.isRegularFile(PUBLISHED),
        "WISEflow's published OpenAPI is not at " + PUBLISHED.toAbsolutePath() + " (../shared beside the clone): "
            + "the comparison with it is skipped; the contract tests below still run");
    JsonNode published = YAML.readTree(PUBLISHED.toFile());
    JsonNode ours = YAML.readTree(trimmed);

    assertThat(ours.path("openapi").asText()).isEqualTo(published.path("openapi").asText());
    assertThat(ours.path("info").path("version").asText()).isEqualTo("1.34.0")
        .isEqualTo(published.path("info").path("version").asText());
    assertThat(withoutProse(ours.path("servers"))).isEqualTo(withoutProse(published.path("servers")));
    assertThat(ours.path("security")).isEqualTo(published.path("security"));
    // The one addition: OpenAPI 3.0 requires the flow's scopes, which the published file leaves out.
    JsonNode schemes = withoutProse(ours.path("components").path("securitySchemes"));
    JsonNode flow = schemes.path("oauth").path("flows").path("clientCredentials");
    assertThat(flow.path("scopes").isObject() && flow.path("scopes").isEmpty()).isTrue();
    ((ObjectNode) flow).remove("scopes");
    assertThat(schemes).isEqualTo(withoutProse(published.path("components").path("securitySchemes")));
    List<String> operations = new ArrayList<>();
    ours.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      operations.add(op.getKey() + " " + path.getKey());
      JsonNode theirs = published.path("paths").path(path.getKey()).path(op.getKey());
      assertThat(theirs.isObject()).as("published has " + op.getKey() + " " + path.getKey()).isTrue();
      assertThat(withoutProse(op.getValue())).as(op.getKey() + " " + path.getKey()).isEqualTo(withoutProse(theirs));
    }));
    ours.path("components").path("schemas").fields().forEachRemaining(schema ->
        assertThat(withoutProse(schema.getValue())).as("schema " + schema.getKey())
            .isEqualTo(withoutProse(published.path("components").path("schemas").path(schema.getKey()))));
    assertThat(operations).containsExactlyInAnyOrder("post /oauth2/token", "post /sources/search",
        "get /flow/{flowId}", "get /flows/{flowId}/participants", "post /flow/{flowId}/reassessment",
        "post /flow/{flowId}/explanation/request", "get /flow/{flowId}/explanation/request/{explanationRequestId}",
        "patch /flow/{flowId}/explanation/request/{explanationRequestId}");
  }

  @Test
  void everyRequestTheClientSendsAndEveryAnswerTheSimulatorGivesFollowTheContract() throws Exception {
    try (WiseflowRig rig = new WiseflowRig()) {
      rig.apiKeyInstitution("uni-key");
      rig.oauthInstitution("uni-oauth");
      for (String institution : List.of("uni-key", "uni-oauth")) {
        rig.run(institution, Operations.CREATE_REASSESSMENT, "sisCode", DEMO_SIS_CODE, "kandidatnr", "201");
        String id = rig.run(institution, Operations.REQUEST_EXPLANATION, "vurdId", DEMO_SIS_CODE, "kandidatnr", "202",
            "requestedOn", "2026-11-20").path("explanationRequestId").asText();
        rig.run(institution, Operations.POLL_EXPLANATION, "flowId", "9001", "explanationRequestId", id);
        rig.run(institution, Operations.POLL_EXPLANATION, "flowId", "9001", "explanationRequestId", id);
        rig.run(institution, Operations.SHOW_EXPLANATION, "flowId", "9001", "explanationRequestId", id);
      }

      Set<String> covered = new TreeSet<>();
      for (WiseflowRig.Exchange e : rig.exchanges) {
        ValidationReport report = validator.validate(request(e), response(e));
        assertThat(report.getMessages()).as(e.method() + " " + e.path() + " " + e.status() + ": " + e.answer()).isEmpty();
        covered.add(e.method() + " " + e.path().replaceAll("/\\d+", "/{id}") + " " + e.status());
      }
      // New and existing answers both seen: 201 then 200 for the repeated reassessment and explanation.
      assertThat(covered).contains("POST /wiseflow/v1/oauth2/token 200", "POST /wiseflow/v1/sources/search 200",
          "GET /wiseflow/v1/flow/{id} 200", "GET /wiseflow/v1/flows/{id}/participants 200",
          "POST /wiseflow/v1/flow/{id}/reassessment 201", "POST /wiseflow/v1/flow/{id}/reassessment 200",
          "POST /wiseflow/v1/flow/{id}/explanation/request 201",
          "GET /wiseflow/v1/flow/{id}/explanation/request/{id} 200",
          "PATCH /wiseflow/v1/flow/{id}/explanation/request/{id} 200");
    }
  }

  @Test
  void theSimulatorsRefusalsAreInWiseflowsPublishedErrorShapes() throws Exception {
    try (WiseflowRig rig = new WiseflowRig()) {
      HttpClient http = HttpClient.newHttpClient();
      send(http, get(rig, "/flows/9001/participants?offset=0&limit=101"));
      send(http, HttpRequest.newBuilder(URI.create(rig.url() + "/oauth2/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=x&client_secret=y")).build());
      send(http, HttpRequest.newBuilder(URI.create(rig.url() + "/sources/search?limit=500"))
          .header("x-api-key", WiseflowSimulator.API_KEY).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"sourceCode\":\"" + DEMO_SIS_CODE + "\"}")).build());

      assertThat(rig.exchanges).extracting(WiseflowRig.Exchange::status).containsExactly(400, 400, 400);
      for (WiseflowRig.Exchange e : rig.exchanges) {
        ValidationReport report = validator.validate(request(e), response(e));
        // The request is the wrong one on purpose; the answer must still be WISEflow's.
        assertThat(report.getMessages()).filteredOn(m -> m.getKey().startsWith("validation.response"))
            .as(e.path() + ": " + e.answer()).isEmpty();
      }
    }
  }

  @Test
  void theValidatorRejectsAnAnswerWithWiseflowsEnumsAsStringsAsTheOldSimulatorSentThem() {
    String oldFlow = "{\"id\":9001,\"variant\":\"standard\",\"purpose\":\"assessment\",\"state\":\"active\",\"type\":0,"
        + "\"creationDate\":1,\"participantStartDate\":1,\"participantEndDate\":1,\"assessorStartDate\":1,"
        + "\"assessorEndDate\":1}";
    ValidationReport report = validator.validate(SimpleRequest.Builder.get(WiseflowSimulator.BASE + "/flow/9001")
            .withHeader("x-api-key", "k").build(),
        SimpleResponse.Builder.ok().withContentType("application/json").withBody(oldFlow).build());
    ValidationReport singular = validator.validateRequest(SimpleRequest.Builder
        .get(WiseflowSimulator.BASE + "/flow/9001/participants").withHeader("x-api-key", "k").build());

    assertThat(report.getMessages()).extracting(m -> m.getKey())
        .contains("validation.response.body.schema.type");
    assertThat(singular.getMessages()).extracting(m -> m.getKey()).as("the singular participants path is not WISEflow's")
        .contains("validation.request.path.missing");
  }

  @Test
  void theSimulatorRefusesWhatWiseflowRefusesInItsErrorShape() throws Exception {
    try (WiseflowRig rig = new WiseflowRig()) {
      HttpClient http = HttpClient.newHttpClient();
      String url = rig.url();
      Map<String, HttpRequest> refused = new java.util.LinkedHashMap<>();
      refused.put("404 the singular participants path", get(rig, "/flow/9001/participants"));
      refused.put("400 no showJustification", HttpRequest.newBuilder(URI.create(url + "/flow/9001/explanation/request"))
          .header("x-api-key", WiseflowSimulator.API_KEY).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"participantId\":70201}")).build());
      refused.put("400 a limit over 100", get(rig, "/flows/9001/participants?limit=101"));
      refused.put("401 no credentials", HttpRequest.newBuilder(URI.create(url + "/flow/9001")).GET().build());
      refused.put("401 a wrong key", HttpRequest.newBuilder(URI.create(url + "/flow/9001"))
          .header("x-api-key", "not-the-key").GET().build());
      refused.put("401 the API key used as a bearer token", HttpRequest.newBuilder(URI.create(url + "/flow/9001"))
          .header("Authorization", "Bearer " + WiseflowSimulator.API_KEY).GET().build());

      for (var r : refused.entrySet()) {
        HttpResponse<String> answer = send(http, r.getValue());
        JsonNode body = YAML.readTree(answer.body());
        int status = Integer.parseInt(r.getKey().substring(0, 3));
        assertThat(answer.statusCode()).as(r.getKey()).isEqualTo(status);
        assertThat(body.path("success").isBoolean() && !body.path("success").asBoolean()).as(r.getKey()).isTrue();
        assertThat(body.path("error").path("code").asInt()).as(r.getKey()).isEqualTo(status);
        assertThat(body.path("error").path("errors").get(0).path("reason").asText()).as(r.getKey()).isNotBlank();
      }
      assertThat(rig.wiseflow.explanations().get(3301)).as("nothing was created").isNull();
    }
  }

  /** The deprecated SIS-code search, served for clients that still use it: base64, then URL-encoded. */
  @Test
  void theDeprecatedSisCodeSearchWantsTheCodeBase64Encoded() throws Exception {
    try (WiseflowRig rig = new WiseflowRig()) {
      HttpClient http = HttpClient.newHttpClient();
      String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(DEMO_SIS_CODE.getBytes(StandardCharsets.UTF_8)),
          StandardCharsets.UTF_8);

      HttpResponse<String> plain = send(http, get(rig, "/license/sis/flows/" + DEMO_SIS_CODE));
      HttpResponse<String> base64 = send(http, get(rig, "/license/sis/flows/" + encoded));

      assertThat(plain.statusCode()).isEqualTo(400);
      JsonNode error = YAML.readTree(plain.body());
      assertThat(error.path("success").asBoolean(true)).isFalse();
      assertThat(error.path("error").path("code").asInt()).isEqualTo(400);
      assertThat(error.path("error").path("message").asText()).contains("base64");
      assertThat(base64.statusCode()).isEqualTo(200);
      assertThat(YAML.readTree(base64.body()).findValuesAsText("sisCode")).containsOnly(DEMO_SIS_CODE).hasSize(4);
    }
  }

  private static HttpRequest get(WiseflowRig rig, String path) {
    return HttpRequest.newBuilder(URI.create(rig.url() + path)).header("x-api-key", WiseflowSimulator.API_KEY).GET().build();
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static SimpleRequest request(WiseflowRig.Exchange e) {
    SimpleRequest.Builder b = new SimpleRequest.Builder(e.method(), e.path());
    e.headers().forEach(b::withHeader);
    e.query().forEach(b::withQueryParam);
    if (e.body() != null && !e.body().isEmpty()) {
      b.withBody(e.body());
    }
    return b.build();
  }

  private static SimpleResponse response(WiseflowRig.Exchange e) {
    SimpleResponse.Builder b = SimpleResponse.Builder.status(e.status());
    if (e.answerType() != null) {
      b.withContentType(e.answerType());
    }
    if (e.answer() != null && !e.answer().isEmpty()) {
      b.withBody(e.answer());
    }
    return b.build();
  }

  /** The node without prose keys, where they are keywords (not where they name a property). */
  static JsonNode withoutProse(JsonNode node) {
    return withoutProse(node, false);
  }

  private static JsonNode withoutProse(JsonNode node, boolean propertyNames) {
    if (node.isArray()) {
      var out = YAML.createArrayNode();
      node.forEach(n -> out.add(withoutProse(n, false)));
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = YAML.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (!propertyNames && PROSE.contains(f.getKey())) {
        continue;
      }
      out.set(f.getKey(), withoutProse(f.getValue(), !propertyNames && "properties".equals(f.getKey())));
    }
    return out;
  }
}
