package no.examhub.partner.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
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
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /webhooks/standard/{institution}/{source}} on a real broker: Standard Webhooks v1
 * signatures, secret rotation, the replay tolerance, and a source configured for another scheme.
 */
class StandardWebhookTest {
  private static final String BODY = "{\"type\": \"result.ready\", \"data\": {\"examId\": \"e-1\"}}";
  private static final String OLD_SECRET = newSecret();
  private static final String NEW_SECRET = newSecret();
  private static final String LEGACY_SECRET = "legacy-hmac-sha1-secret";
  @RegisterExtension
  static final TestHub hub = TestHub.perClass().seeded(store -> new InstitutionRepository(store).save(rotatingInstitution()));

  @Test
  void validlySignedWebhookIsAcceptedAndEachDeliveryKeyedByItsWebhookId() {
    String id = "msg_" + UUID.randomUUID();

    HttpResponse<String> first = post(demoUrl(), BODY, signed(hub.demo().standardSecret(), id, now()));
    HttpResponse<String> redelivery = post(demoUrl(), BODY, signed(hub.demo().standardSecret(), id, now()));

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.body()).contains("accepted");
    assertThat(redelivery.statusCode()).isEqualTo(200);
    String key = "demo/" + DemoData.STANDARD_SOURCE + "/" + id;
    List<Map.Entry<String, RawRequest>> stored = TopicReader.recordsUntil(hub.hub().bootstrapServers(),
        Topics.RAW_STANDARD, (k, v) -> key.equals(k), 2, Duration.ofSeconds(20));
    assertThat(stored).hasSize(2).allSatisfy(r -> {
      assertThat(r.getValue().institution()).isEqualTo("demo");
      assertThat(r.getValue().source()).isEqualTo("standard");
      assertThat(new String(r.getValue().body(), StandardCharsets.UTF_8)).isEqualTo(BODY);
      assertThat(r.getValue().headers()).containsEntry("webhook-id", id);
    });
  }

  @Test
  void webhookSignedWithTheNewSecretOfARotationIsAccepted() {
    HttpResponse<String> answer = post(rotatingUrl("partner-x"), BODY, signed(NEW_SECRET, "msg_new", now()));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  @Test
  void webhookSignedWithTheOldSecretOfARotationIsStillAccepted() {
    HttpResponse<String> answer = post(rotatingUrl("partner-x"), BODY, signed(OLD_SECRET, "msg_old", now()));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  @Test
  void oneValidSignatureAmongSeveralInTheHeaderIsEnough() {
    long ts = now();
    String valid = StandardWebhookSignature.sign(hub.demo().standardSecret(), "msg_multi", ts, bytes(BODY));
    String wrong = StandardWebhookSignature.sign(newSecret(), "msg_multi", ts, bytes(BODY));
    Map<String, String> headers = headers("msg_multi", ts, "v1a,abc " + wrong + " v1,not-base64!! " + valid);

    assertThat(post(demoUrl(), BODY, headers).statusCode()).isEqualTo(200);
  }

  @Test
  void wrongSignatureIsRefusedWith70401() {
    HttpResponse<String> answer = post(demoUrl(), BODY, signed(newSecret(), "msg_wrong", now()));

    assertError(answer, 401, "70401");
  }

  @Test
  void signatureOfAnotherBodyIsRefusedWith70401() {
    Map<String, String> headers = signed(hub.demo().standardSecret(), "msg_other", now());

    assertError(post(demoUrl(), BODY.replace("e-1", "e-2"), headers), 401, "70401");
  }

  @Test
  void staleTimestampIsRefusedWith70401SayingSo() {
    long sixMinutesAgo = now() - 360;

    HttpResponse<String> answer = post(demoUrl(), BODY, signed(hub.demo().standardSecret(), "msg_stale", sixMinutesAgo));

    assertError(answer, 401, "70401");
    assertThat(answer.body()).contains("webhook-timestamp is too old or in the future");
  }

  @Test
  void futureTimestampIsRefusedWith70401SayingSo() {
    long inSixMinutes = now() + 360;

    HttpResponse<String> answer = post(demoUrl(), BODY, signed(hub.demo().standardSecret(), "msg_future", inSixMinutes));

    assertError(answer, 401, "70401");
    assertThat(answer.body()).contains("webhook-timestamp is too old or in the future");
  }

  @Test
  void eachMissingHeaderIsRefusedWith70402() {
    for (String missing : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
      Map<String, String> headers = new HashMap<>(signed(hub.demo().standardSecret(), "msg_missing", now()));
      headers.remove(missing);

      assertError(post(demoUrl(), BODY, headers), 401, "70402");
    }
  }

  @Test
  void unknownSourceOfAKnownInstitutionIsRefusedWith404() {
    HttpResponse<String> answer = post(hub.baseUrl() + "/webhooks/standard/demo/nobody",
        BODY, signed(hub.demo().standardSecret(), "msg_unknown", now()));

    assertError(answer, 404, "70404");
  }

  @Test
  void unknownInstitutionIsRefusedWith404() {
    HttpResponse<String> answer = post(hub.baseUrl() + "/webhooks/standard/nowhere/" + DemoData.STANDARD_SOURCE,
        BODY, signed(hub.demo().standardSecret(), "msg_nowhere", now()));

    assertError(answer, 404, "70404");
  }

  @Test
  void sourceConfiguredForTheInsperaSchemeIsVerifiedThatWayWithoutCode() {
    String signature = InsperaSignature.sign(LEGACY_SECRET, bytes(BODY));

    HttpResponse<String> valid = post(rotatingUrl("legacy-signer"), BODY, Map.of(InsperaSignature.HEADER, signature));
    HttpResponse<String> standardSigned = post(rotatingUrl("legacy-signer"), BODY,
        signed(OLD_SECRET, "msg_legacy", now()));

    assertThat(valid.statusCode()).as(valid.body()).isEqualTo(200);
    assertError(standardSigned, 401, "70402");
  }

  private static Institution rotatingInstitution() {
    WebhookSecrets secrets = new WebhookSecrets(null, null, null, null, Map.of(
        "partner-x", List.of(OLD_SECRET, NEW_SECRET),
        "legacy-signer", List.of("inspera-sha1:" + LEGACY_SECRET)));
    return new Institution("rotating", "8888", "8888", ExamSystem.INSPERA, "rotating", "test",
        true, true, true, "", secrets, null);
  }

  private static void assertError(HttpResponse<String> answer, int status, String code) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.body()).contains("\"errorCode\":\"" + code + "\"", "\"requestId\"");
  }

  private static Map<String, String> signed(String secret, String id, long timestamp) {
    return headers(id, timestamp, StandardWebhookSignature.sign(secret, id, timestamp, bytes(BODY)));
  }

  private static Map<String, String> headers(String id, long timestamp, String signature) {
    return Map.of("Content-Type", "application/json", "webhook-id", id,
        "webhook-timestamp", Long.toString(timestamp), "webhook-signature", signature);
  }

  private static HttpResponse<String> post(String url, String body, Map<String, String> headers) {
    return Http.post(url, body, headers);
  }

  private static String demoUrl() {
    return hub.baseUrl() + "/webhooks/standard/demo/" + DemoData.STANDARD_SOURCE;
  }

  private static String rotatingUrl(String source) {
    return hub.baseUrl() + "/webhooks/standard/rotating/" + source;
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
