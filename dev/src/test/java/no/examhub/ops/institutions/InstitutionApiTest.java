package no.examhub.ops.institutions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.platform.json.Json;
import no.examhub.testing.Http;
import no.examhub.testing.Operator;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An operator reads and changes institutions; secrets go in but never come out, and count at once. */
class InstitutionApiTest {
  @RegisterExtension
  static final TestHub hub = TestHub.perClass();
  private static Operator operator;

  @BeforeAll
  static void start() {
    operator = Operator.of(hub);
  }

  @Test
  void secretsAreShownAsStarsNeverInClear() {
    HttpResponse<String> answer = operator.get("/api/institutions/demo");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"inspera\":[\"***\"]", "\"proviewToken\":\"***\"", "\"instance\":\"demo\"")
        .doesNotContain(hub.insperaSecret(), hub.demo().standardSecret(), hub.demo().proviewToken());
    assertThat(operator.get("/api/institutions").body()).contains("\"shortName\":\"demo\"")
        .doesNotContain(hub.insperaSecret());
  }

  @Test
  void aRotatedInsperaSecretCountsWithoutRestart() {
    String body = "{\"contextObjectId\": 4711, \"event\": \"resource_created\"}";
    String oldSecret = hub.insperaSecret();
    String newSecret = "rotated-" + UUID.randomUUID();
    ObjectNode demo = (ObjectNode) Json.tree(operator.get("/api/institutions/demo").body().getBytes(StandardCharsets.UTF_8));
    ((ObjectNode) demo.path("secrets")).put("inspera", newSecret);

    HttpResponse<String> put = operator.put("/api/institutions/demo", demo.toString());

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.body()).doesNotContain(newSecret);
    assertThat(postInspera(body, oldSecret).statusCode()).isEqualTo(401);
    assertThat(postInspera(body, newSecret).statusCode()).isEqualTo(200);
    assertThat(operator.get("/api/institutions/demo").body()).contains("\"proviewToken\":\"***\"");
  }

  @Test
  void anInsperaSecretIsRotatedWithNewAndOldSideBySideThenTheOldOneRemoved() {
    String body = "{\"contextObjectId\": 4712, \"event\": \"resource_created\"}";
    String oldSecret = "before-rotation-" + UUID.randomUUID();
    String newSecret = "after-rotation-" + UUID.randomUUID();
    ObjectNode demo = (ObjectNode) Json.tree(operator.get("/api/institutions/demo").body().getBytes(StandardCharsets.UTF_8));
    ((ObjectNode) demo.path("secrets")).put("inspera", oldSecret);
    assertThat(operator.put("/api/institutions/demo", demo.toString()).statusCode()).isEqualTo(200);

    ((ObjectNode) demo.path("secrets")).putArray("inspera").add(newSecret).add("***");
    assertThat(operator.put("/api/institutions/demo", demo.toString()).statusCode()).isEqualTo(200);

    assertThat(operator.get("/api/institutions/demo").body()).contains("\"inspera\":[\"***\",\"***\"]");
    assertThat(postInspera(body, oldSecret).statusCode()).isEqualTo(200);
    assertThat(postInspera(body, newSecret).statusCode()).isEqualTo(200);

    ((ObjectNode) demo.path("secrets")).putArray("inspera").add(newSecret);
    assertThat(operator.put("/api/institutions/demo", demo.toString()).statusCode()).isEqualTo(200);

    assertThat(postInspera(body, oldSecret).statusCode()).isEqualTo(401);
    assertThat(postInspera(body, newSecret).statusCode()).isEqualTo(200);
  }

  @Test
  void aNewInstitutionIsCreatedAndAnIncompleteOneRefused() {
    String complete = "{\"orgId\": \"1234\", \"institutionNumber\": \"1234\", \"examSystem\": \"WISEFLOW\","
        + " \"instance\": \"uni-test\", \"fsEnvironment\": \"test\", \"secrets\": {\"inspera\": \"s3cret-value\"}}";

    assertThat(operator.put("/api/institutions/uni-test", complete).statusCode()).isEqualTo(201);
    assertThat(operator.get("/api/institutions/uni-test").body()).contains("\"examSystem\":\"WISEFLOW\"")
        .doesNotContain("s3cret-value");
    assertThat(operator.put("/api/institutions/uni-test", "{\"orgId\": \"1234\"}").body())
        .contains("\"errorCode\":\"70416\"", "examSystem");
    assertThat(operator.put("/api/institutions/Not_Valid", complete).statusCode()).isEqualTo(400);
    assertThat(operator.put("/api/institutions/uni-test", "{not json").statusCode()).isEqualTo(400);
  }

  @Test
  void anUnknownInstitutionIs404() {
    assertThat(operator.get("/api/institutions/nowhere").body()).contains("\"errorCode\":\"70404\"");
  }

  private static HttpResponse<String> postInspera(String body, String secret) {
    return Http.post(hub.baseUrl() + "/webhooks/inspera/demo", body, Map.of("Content-Type", "application/json",
        InsperaSignature.HEADER, InsperaSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void partnerSettingsAreKeptAndAnInvalidOneIsRefusedWithItsReason() {
    String body = "{\"orgId\": \"4321\", \"institutionNumber\": \"4321\", \"examSystem\": \"INSPERA\","
        + " \"instance\": \"nokut\", \"fsEnvironment\": \"prod\", \"partners\": {"
        + "\"inspera\": {\"domain\": \"nokut.inspera.no\", \"clientId\": \"nokut-client\","
        + " \"events\": {\"appeal-decision\": \"klage_vedtak\"}},"
        + " \"wiseflow\": {\"server\": \"staging\", \"auth\": \"OAUTH2\"}, \"proview\": {\"appId\": \"app-7\"}}}";

    assertThat(operator.put("/api/institutions/nokut", body).statusCode()).isEqualTo(201);
    String shown = operator.get("/api/institutions/nokut").body();
    assertThat(shown).contains("\"domain\":\"nokut.inspera.no\"", "\"clientId\":\"nokut-client\"",
        "\"appeal-decision\":\"klage_vedtak\"", "\"final-grades\":\"confirm_final_grades\"",
        "\"server\":\"staging\"", "\"auth\":\"OAUTH2\"", "\"appId\":\"app-7\"");

    // Left out, the partner settings stay as they were.
    String withoutPartners = body.substring(0, body.indexOf(", \"partners\"")) + "}";
    assertThat(operator.put("/api/institutions/nokut", withoutPartners).statusCode()).isEqualTo(200);
    assertThat(operator.get("/api/institutions/nokut").body()).contains("\"domain\":\"nokut.inspera.no\"");

    HttpResponse<String> badServer = operator.put("/api/institutions/nokut",
        body.replace("\"staging\"", "\"ftp://nowhere\""));
    assertThat(badServer.statusCode()).isEqualTo(400);
    assertThat(badServer.body()).contains("70416", "wiseflow.server must be production, staging or an http(s) URL");
    assertThat(operator.put("/api/institutions/nokut", body.replace("\"prod\"", "\"staging\"")).body())
        .contains("fsEnvironment must be one of [test, prod]");
  }

  @Test
  void credentialsAreWriteOnly() {
    String secret = "fsws-password-" + UUID.randomUUID();
    operator.put("/api/institutions/accounts", "{\"orgId\": \"55\", \"institutionNumber\": \"55\","
        + " \"examSystem\": \"INSPERA\", \"instance\": \"accounts\", \"fsEnvironment\": \"test\"}");

    HttpResponse<String> put = operator.put("/api/institutions/accounts/credentials/fs",
        "{\"username\": \"fsws-demo\", \"secret\": \"" + secret + "\"}");

    assertThat(put.statusCode()).isEqualTo(204);
    assertThat(put.body()).isEmpty();
    HttpResponse<String> list = operator.get("/api/institutions/accounts/credentials");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("{\"partner\":\"fs\",\"username\":\"fsws-demo\",\"secretSet\":true}")
        .doesNotContain(secret);
    assertThat(list.body()).contains("{\"partner\":\"inspera\",\"username\":null,\"secretSet\":false}");
    assertThat(operator.put("/api/institutions/accounts/credentials/fs", "{\"username\": \"x\"}").body())
        .contains("70416", "secret is missing");
    assertThat(operator.put("/api/institutions/accounts/credentials/nobody", "{\"secret\": \"x\"}").statusCode())
        .isEqualTo(404);
    assertThat(operator.put("/api/institutions/nowhere/credentials/fs", "{\"secret\": \"x\"}").statusCode())
        .isEqualTo(404);
    assertThat(Http.get(hub.baseUrl() + "/api/institutions/accounts/credentials").statusCode()).isEqualTo(401);
  }
}
