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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An operator reads and changes institutions; secrets go in but never come out, and count at once. */
class InstitutionApiTest {
  private static TestHub hub;
  private static Operator operator;

  @BeforeAll
  static void start() {
    hub = TestHub.start();
    operator = Operator.of(hub);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void secretsAreShownAsStarsNeverInClear() {
    HttpResponse<String> answer = operator.get("/api/institutions/demo");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"inspera\":\"***\"", "\"proviewToken\":\"***\"", "\"instance\":\"demo\"")
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
}
