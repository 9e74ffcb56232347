package no.examhub.partner.standard;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.ExamSystem;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.WebhookSecrets;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.simulator.DemoData;
import no.examhub.testing.RouteApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /webhooks/standard/{institution}/{source}} on an unstarted server: Standard Webhooks
 * v1 signatures, secret rotation, the replay tolerance, and a source configured for another scheme.
 */
class StandardWebhookTest {
  private static final String BODY = "{\"type\": \"result.ready\", \"data\": {\"examId\": \"e-1\"}}";
  private static final String OLD_SECRET = newSecret();
  private static final String NEW_SECRET = newSecret();
  private static final String LEGACY_SECRET = "legacy-hmac-sha1-secret";
  @RegisterExtension
  static final RouteApp routes = RouteApp.perClass()
      .seeded(store -> new InstitutionRepository(store).save(rotatingInstitution()));

  @Test
  void validlySignedWebhookIsAcceptedAndEachDeliveryKeyedByItsWebhookId() {
    JavalinTest.test(app(), (server, client) -> {
      String id = "msg_" + UUID.randomUUID();

      Response first = post(client, demoPath(), BODY, signed(routes.demo().standardSecret(), id, now()));
      Response redelivery = post(client, demoPath(), BODY, signed(routes.demo().standardSecret(), id, now()));

      assertThat(first.code()).as(first.body().string()).isEqualTo(200);
      assertThat(first.body().string()).contains("accepted");
      assertThat(redelivery.code()).isEqualTo(200);
      String key = "demo/" + DemoData.STANDARD_SOURCE + "/" + id;
      List<RawRequest> stored = routes.writer().written().stream()
          .filter(w -> w.topic().equals(Topics.RAW_STANDARD.name()) && key.equals(w.key()))
          .map(w -> (RawRequest) w.value()).toList();
      assertThat(stored).hasSize(2).allSatisfy(r -> {
        assertThat(r.institution()).isEqualTo("demo");
        assertThat(r.source()).isEqualTo("standard");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(BODY);
        assertThat(r.headers()).containsEntry("webhook-id", id);
      });
    });
  }

  @Test
  void webhookSignedWithTheNewSecretOfARotationIsAccepted() {
    JavalinTest.test(app(), (server, client) -> {
      Response answer = post(client, rotatingPath("partner-x"), BODY, signed(NEW_SECRET, "msg_new", now()));

      assertThat(answer.code()).as(answer.body().string()).isEqualTo(200);
    });
  }

  @Test
  void webhookSignedWithTheOldSecretOfARotationIsStillAccepted() {
    JavalinTest.test(app(), (server, client) -> {
      Response answer = post(client, rotatingPath("partner-x"), BODY, signed(OLD_SECRET, "msg_old", now()));

      assertThat(answer.code()).as(answer.body().string()).isEqualTo(200);
    });
  }

  @Test
  void oneValidSignatureAmongSeveralInTheHeaderIsEnough() {
    JavalinTest.test(app(), (server, client) -> {
      long ts = now();
      String valid = StandardWebhookSignature.sign(routes.demo().standardSecret(), "msg_multi", ts, bytes(BODY));
      String wrong = StandardWebhookSignature.sign(newSecret(), "msg_multi", ts, bytes(BODY));
      Map<String, String> headers = headers("msg_multi", ts, "v1a,abc " + wrong + " v1,not-base64!! " + valid);

      assertThat(post(client, demoPath(), BODY, headers).code()).isEqualTo(200);
    });
  }

  @Test
  void wrongSignatureIsRefusedWith70401() {
    JavalinTest.test(app(), (server, client) -> {
      Response answer = post(client, demoPath(), BODY, signed(newSecret(), "msg_wrong", now()));

      assertError(answer, 401, "70401");
    });
  }

  @Test
  void signatureOfAnotherBodyIsRefusedWith70401() {
    JavalinTest.test(app(), (server, client) -> {
      Map<String, String> headers = signed(routes.demo().standardSecret(), "msg_other", now());

      assertError(post(client, demoPath(), BODY.replace("e-1", "e-2"), headers), 401, "70401");
    });
  }

  @Test
  void staleTimestampIsRefusedWith70401SayingSo() {
    JavalinTest.test(app(), (server, client) -> {
      long sixMinutesAgo = now() - 360;

      Response answer = post(client, demoPath(), BODY,
          signed(routes.demo().standardSecret(), "msg_stale", sixMinutesAgo));

      assertError(answer, 401, "70401");
      assertThat(answer.body().string()).contains("webhook-timestamp is too old or in the future");
    });
  }

  @Test
  void futureTimestampIsRefusedWith70401SayingSo() {
    JavalinTest.test(app(), (server, client) -> {
      long inSixMinutes = now() + 360;

      Response answer = post(client, demoPath(), BODY,
          signed(routes.demo().standardSecret(), "msg_future", inSixMinutes));

      assertError(answer, 401, "70401");
      assertThat(answer.body().string()).contains("webhook-timestamp is too old or in the future");
    });
  }

  @Test
  void eachMissingHeaderIsRefusedWith70402() {
    JavalinTest.test(app(), (server, client) -> {
      for (String missing : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
        Map<String, String> headers = new HashMap<>(signed(routes.demo().standardSecret(), "msg_missing", now()));
        headers.remove(missing);

        assertError(post(client, demoPath(), BODY, headers), 401, "70402");
      }
    });
  }

  @Test
  void unknownSourceOfAKnownInstitutionIsRefusedWith404() {
    JavalinTest.test(app(), (server, client) -> {
      Response answer = post(client, "/webhooks/standard/demo/nobody",
          BODY, signed(routes.demo().standardSecret(), "msg_unknown", now()));

      assertError(answer, 404, "70404");
    });
  }

  @Test
  void unknownInstitutionIsRefusedWith404() {
    JavalinTest.test(app(), (server, client) -> {
      Response answer = post(client, "/webhooks/standard/nowhere/" + DemoData.STANDARD_SOURCE,
          BODY, signed(routes.demo().standardSecret(), "msg_nowhere", now()));

      assertError(answer, 404, "70404");
    });
  }

  @Test
  void sourceConfiguredForTheInsperaSchemeIsVerifiedThatWayWithoutCode() {
    JavalinTest.test(app(), (server, client) -> {
      String signature = InsperaSignature.sign(LEGACY_SECRET, bytes(BODY));

      Response valid = post(client, rotatingPath("legacy-signer"), BODY, Map.of(InsperaSignature.HEADER, signature));
      Response standardSigned = post(client, rotatingPath("legacy-signer"), BODY,
          signed(OLD_SECRET, "msg_legacy", now()));

      assertThat(valid.code()).as(valid.body().string()).isEqualTo(200);
      assertError(standardSigned, 401, "70402");
    });
  }

  private static Institution rotatingInstitution() {
    WebhookSecrets secrets = new WebhookSecrets(null, null, null, null, Map.of(
        "partner-x", List.of(OLD_SECRET, NEW_SECRET),
        "legacy-signer", List.of("inspera-sha1:" + LEGACY_SECRET)));
    return new Institution("rotating", "8888", "8888", ExamSystem.INSPERA, "rotating", "test",
        true, true, true, "", secrets, null);
  }

  /** Refused with this status and code, and nothing written. */
  private static void assertError(Response answer, int status, String code) {
    assertThat(answer.code()).as(answer.body().string()).isEqualTo(status);
    assertThat(answer.body().string()).contains("\"errorCode\":\"" + code + "\"", "\"requestId\"");
    assertThat(routes.writer().written()).noneMatch(w -> w.value() instanceof RawRequest r
        && r.requestId().equals(answer.headers().get("X-Request-Id").get(0)));
  }

  private static Map<String, String> signed(String secret, String id, long timestamp) {
    return headers(id, timestamp, StandardWebhookSignature.sign(secret, id, timestamp, bytes(BODY)));
  }

  private static Map<String, String> headers(String id, long timestamp, String signature) {
    return Map.of("Content-Type", "application/json", "webhook-id", id,
        "webhook-timestamp", Long.toString(timestamp), "webhook-signature", signature);
  }

  private static Response post(HttpClient client, String path, String body, Map<String, String> headers) {
    return RouteApp.post(client, path, body, headers);
  }

  /** The route as Examhub wires it, with the default replay tolerance. */
  private static Javalin app() {
    return routes.app(StandardWebhookRoutes.of(routes.institutions(), routes.ingress(),
        routes.config().webhookTolerance(), Clock.systemUTC()));
  }

  private static String demoPath() {
    return "/webhooks/standard/demo/" + DemoData.STANDARD_SOURCE;
  }

  private static String rotatingPath(String source) {
    return "/webhooks/standard/rotating/" + source;
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String newSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
