package no.examhub.ops.institutions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import no.examhub.institution.InstitutionRepository;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.partner.inspera.InsperaWebhookRoutes;
import no.examhub.partner.inspera.UnknownInsperaEvents;
import no.examhub.platform.json.Json;
import no.examhub.testing.RouteApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator reads and changes institutions; secrets go in but never come out, and count at once
 * for Inspera's webhook beside them: the routes on an unstarted server, no broker.
 */
class InstitutionApiTest {
  @RegisterExtension
  static final RouteApp routes = RouteApp.perClass();

  @Test
  void secretsAreShownAsStarsNeverInClear() {
    JavalinTest.test(app(), (server, client) -> {
      Response answer = get(client, "/api/institutions/demo");

      assertThat(answer.code()).isEqualTo(200);
      assertThat(answer.body().string())
          .contains("\"inspera\":[\"***\"]", "\"proviewToken\":\"***\"", "\"instance\":\"demo\"")
          .doesNotContain(routes.demo().insperaSecret(), routes.demo().standardSecret(), routes.demo().proviewToken());
      assertThat(get(client, "/api/institutions").body().string()).contains("\"shortName\":\"demo\"")
          .doesNotContain(routes.demo().insperaSecret());
    });
  }

  @Test
  void aRotatedInsperaSecretCountsWithoutRestart() {
    JavalinTest.test(app(), (server, client) -> {
      String body = "{\"contextObjectId\": 4711, \"event\": \"resource_created\"}";
      String oldSecret = routes.demo().insperaSecret();
      String newSecret = "rotated-" + UUID.randomUUID();
      ObjectNode demo = (ObjectNode) Json.tree(
          get(client, "/api/institutions/demo").body().string().getBytes(StandardCharsets.UTF_8));
      ((ObjectNode) demo.path("secrets")).put("inspera", newSecret);

      Response put = put(client, "/api/institutions/demo", demo.toString());

      assertThat(put.code()).isEqualTo(200);
      assertThat(put.body().string()).doesNotContain(newSecret);
      assertThat(postInspera(client, body, oldSecret).code()).isEqualTo(401);
      assertThat(postInspera(client, body, newSecret).code()).isEqualTo(200);
      assertThat(get(client, "/api/institutions/demo").body().string()).contains("\"proviewToken\":\"***\"");
    });
  }

  @Test
  void anInsperaSecretIsRotatedWithNewAndOldSideBySideThenTheOldOneRemoved() {
    JavalinTest.test(app(), (server, client) -> {
      String body = "{\"contextObjectId\": 4712, \"event\": \"resource_created\"}";
      String oldSecret = "before-rotation-" + UUID.randomUUID();
      String newSecret = "after-rotation-" + UUID.randomUUID();
      ObjectNode demo = (ObjectNode) Json.tree(
          get(client, "/api/institutions/demo").body().string().getBytes(StandardCharsets.UTF_8));
      ((ObjectNode) demo.path("secrets")).put("inspera", oldSecret);
      assertThat(put(client, "/api/institutions/demo", demo.toString()).code()).isEqualTo(200);

      ((ObjectNode) demo.path("secrets")).putArray("inspera").add(newSecret).add("***");
      assertThat(put(client, "/api/institutions/demo", demo.toString()).code()).isEqualTo(200);

      assertThat(get(client, "/api/institutions/demo").body().string()).contains("\"inspera\":[\"***\",\"***\"]");
      assertThat(postInspera(client, body, oldSecret).code()).isEqualTo(200);
      assertThat(postInspera(client, body, newSecret).code()).isEqualTo(200);

      ((ObjectNode) demo.path("secrets")).putArray("inspera").add(newSecret);
      assertThat(put(client, "/api/institutions/demo", demo.toString()).code()).isEqualTo(200);

      assertThat(postInspera(client, body, oldSecret).code()).isEqualTo(401);
      assertThat(postInspera(client, body, newSecret).code()).isEqualTo(200);
    });
  }

  @Test
  void aNewInstitutionIsCreatedAndAnIncompleteOneRefused() {
    JavalinTest.test(app(), (server, client) -> {
      String complete = "{\"orgId\": \"1234\", \"institutionNumber\": \"1234\", \"examSystem\": \"WISEFLOW\","
          + " \"instance\": \"uni-test\", \"fsEnvironment\": \"test\", \"secrets\": {\"inspera\": \"s3cret-value\"}}";

      assertThat(put(client, "/api/institutions/uni-test", complete).code()).isEqualTo(201);
      assertThat(get(client, "/api/institutions/uni-test").body().string()).contains("\"examSystem\":\"WISEFLOW\"")
          .doesNotContain("s3cret-value");
      assertThat(put(client, "/api/institutions/uni-test", "{\"orgId\": \"1234\"}").body().string())
          .contains("\"errorCode\":\"70416\"", "examSystem");
      assertThat(put(client, "/api/institutions/Not_Valid", complete).code()).isEqualTo(400);
      assertThat(put(client, "/api/institutions/uni-test", "{not json").code()).isEqualTo(400);
    });
  }

  @Test
  void anUnknownInstitutionIs404() {
    JavalinTest.test(app(), (server, client) -> {
      assertThat(get(client, "/api/institutions/nowhere").body().string()).contains("\"errorCode\":\"70404\"");
    });
  }

  private static Response postInspera(HttpClient client, String body, String secret) {
    return RouteApp.post(client, "/webhooks/inspera/demo", body,
        Map.of(InsperaSignature.HEADER, InsperaSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void partnerSettingsAreKeptAndAnInvalidOneIsRefusedWithItsReason() {
    JavalinTest.test(app(), (server, client) -> {
      String body = "{\"orgId\": \"4321\", \"institutionNumber\": \"4321\", \"examSystem\": \"INSPERA\","
          + " \"instance\": \"nokut\", \"fsEnvironment\": \"prod\", \"partners\": {"
          + "\"inspera\": {\"domain\": \"nokut.inspera.no\", \"clientId\": \"nokut-client\","
          + " \"events\": {\"appeal-decision\": \"klage_vedtak\"}},"
          + " \"wiseflow\": {\"server\": \"staging\", \"auth\": \"OAUTH2\"}, \"proview\": {\"appId\": \"app-7\"}}}";

      assertThat(put(client, "/api/institutions/nokut", body).code()).isEqualTo(201);
      String shown = get(client, "/api/institutions/nokut").body().string();
      assertThat(shown).contains("\"domain\":\"nokut.inspera.no\"", "\"clientId\":\"nokut-client\"",
          "\"appeal-decision\":\"klage_vedtak\"", "\"final-grades\":\"confirm_final_grades\"",
          "\"server\":\"staging\"", "\"auth\":\"OAUTH2\"", "\"appId\":\"app-7\"");

      // Left out, the partner settings stay as they were.
      String withoutPartners = body.substring(0, body.indexOf(", \"partners\"")) + "}";
      assertThat(put(client, "/api/institutions/nokut", withoutPartners).code()).isEqualTo(200);
      assertThat(get(client, "/api/institutions/nokut").body().string()).contains("\"domain\":\"nokut.inspera.no\"");

      Response badServer = put(client, "/api/institutions/nokut",
          body.replace("\"staging\"", "\"ftp://nowhere\""));
      assertThat(badServer.code()).isEqualTo(400);
      assertThat(badServer.body().string())
          .contains("70416", "wiseflow.server must be production, staging or an http(s) URL");
      assertThat(put(client, "/api/institutions/nokut", body.replace("\"prod\"", "\"staging\"")).body().string())
          .contains("fsEnvironment must be one of [test, prod]");
    });
  }

  @Test
  void credentialsAreWriteOnly() {
    JavalinTest.test(app(), (server, client) -> {
      String secret = "fsws-password-" + UUID.randomUUID();
      put(client, "/api/institutions/accounts", "{\"orgId\": \"55\", \"institutionNumber\": \"55\","
          + " \"examSystem\": \"INSPERA\", \"instance\": \"accounts\", \"fsEnvironment\": \"test\"}");

      Response put = put(client, "/api/institutions/accounts/credentials/fs",
          "{\"username\": \"fsws-demo\", \"secret\": \"" + secret + "\"}");

      assertThat(put.code()).isEqualTo(204);
      assertThat(put.body().string()).isEmpty();
      Response list = get(client, "/api/institutions/accounts/credentials");
      assertThat(list.code()).isEqualTo(200);
      assertThat(list.body().string()).contains("{\"partner\":\"fs\",\"username\":\"fsws-demo\",\"secretSet\":true}")
          .doesNotContain(secret);
      assertThat(list.body().string()).contains("{\"partner\":\"inspera\",\"username\":null,\"secretSet\":false}");
      assertThat(put(client, "/api/institutions/accounts/credentials/fs", "{\"username\": \"x\"}").body().string())
          .contains("70416", "secret is missing");
      assertThat(put(client, "/api/institutions/accounts/credentials/nobody", "{\"secret\": \"x\"}").code())
          .isEqualTo(404);
      assertThat(put(client, "/api/institutions/nowhere/credentials/fs", "{\"secret\": \"x\"}").code())
          .isEqualTo(404);
      assertThat(RouteApp.get(client, "/api/institutions/accounts/credentials", Map.of()).code()).isEqualTo(401);
    });
  }

  /** The operator's institution and credential routes, and Inspera's webhook, as Examhub wires them. */
  private static Javalin app() {
    InstitutionRepository institutions = new InstitutionRepository(routes.database());
    return routes.app(InstitutionRoutes.of(routes.auth(), institutions, routes.institutions()),
        CredentialRoutes.of(routes.auth(), institutions, routes.credentials()),
        new InsperaWebhookRoutes(routes.institutions(), routes.ingress(),
            new UnknownInsperaEvents(routes.registry(), Clock.systemUTC()), Clock.systemUTC(),
            routes.config().dedupRetention().minus(routes.config().ingressSettings().insperaTimestampMargin())));
  }

  private static Response get(HttpClient client, String path) {
    return RouteApp.get(client, path, RouteApp.bearer(routes.demo().adminToken()));
  }

  private static Response put(HttpClient client, String path, String json) {
    return RouteApp.put(client, path, json, RouteApp.bearer(routes.demo().adminToken()));
  }
}
