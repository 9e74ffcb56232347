package no.examhub.partner.inspera;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import no.examhub.institution.PartnerSettings;
import no.examhub.simulator.inspera.InsperaSimulator;
import no.examhub.simulator.inspera.InsperaSubscriptions;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registering Examhub's webhook with an institution's Inspera tenant through the operator API
 * (what {@code examhub inspera subscribe|subscriptions|events} call): one subscription per
 * configured event name, validated by Inspera against the live endpoint, with a fresh secret that
 * becomes the institution's webhook secret and is never answered.
 */
class InsperaSubscriptionTest {
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_FS_URL", "http://127.0.0.1:9/fs",
      "EXAMHUB_FS_POLL_INTERVAL", "PT1H"));
  private static InsperaSimulator inspera;

  @BeforeAll
  static void start() {
    inspera = hub.simulators().orElseThrow().inspera();
  }

  @Test
  void subscribeRegistersEveryConfiguredEventWithAFreshSecretThatSignsFromNowOn() {
    String oldSecret = hub.insperaSecret();

    HttpResponse<String> answer = operator("POST", "/api/inspera/demo/subscriptions",
        "{\"publicUrl\": \"" + hub.baseUrl() + "\"}");

    assertThat(answer.statusCode()).isEqualTo(200);
    List<InsperaSubscriptions.Subscription> subs = inspera.demoTenant().subscriptions().all();
    assertThat(subs).extracting(InsperaSubscriptions.Subscription::event)
        .containsExactlyInAnyOrderElementsOf(PartnerSettings.Inspera.DEFAULT_EVENTS.values());
    assertThat(subs).extracting(InsperaSubscriptions.Subscription::endpoint).containsOnly(hub.baseUrl() + "/webhooks/inspera/demo");
    String secret = subs.get(0).secret();
    assertThat(subs).extracting(InsperaSubscriptions.Subscription::secret).containsOnly(secret);
    assertThat(answer.body()).doesNotContain(secret);
    assertThat(secret).isNotEqualTo(oldSecret);
    assertThat(signed(secret).statusCode()).isEqualTo(200);
    assertThat(signed(oldSecret).statusCode()).isEqualTo(401);

    HttpResponse<String> again = operator("POST", "/api/inspera/demo/subscriptions", "{\"publicUrl\": \"" + hub.baseUrl() + "\"}");

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"removed\":[" + subs.get(0).subscriptionId());
    assertThat(inspera.demoTenant().subscriptions().all()).hasSize(PartnerSettings.Inspera.DEFAULT_EVENTS.size());
  }

  @Test
  void subscriptionsAndEventsAreTheTenantsAnswersWithoutSecrets() {
    operator("POST", "/api/inspera/demo/subscriptions", "{\"publicUrl\": \"" + hub.baseUrl() + "\"}");
    String secret = inspera.demoTenant().subscriptions().all().get(0).secret();

    HttpResponse<String> subscriptions = operator("GET", "/api/inspera/demo/subscriptions", null);
    HttpResponse<String> events = operator("GET", "/api/inspera/demo/events", null);

    assertThat(subscriptions.statusCode()).isEqualTo(200);
    assertThat(subscriptions.body()).contains("\"subscriptionId\"", "confirm_final_grades").doesNotContain(secret);
    assertThat(events.body()).contains("event_by_candidates_export_finished");
    assertThat(operator("GET", "/api/inspera/nobody/events", null).statusCode()).isEqualTo(404);
    assertThat(Http.get(hub.baseUrl() + "/api/inspera/demo/events").statusCode()).isEqualTo(401);
  }

  @Test
  void theCliPrintsWhatWasRegisteredButNeverTheSecret() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    no.examhub.cli.InsperaCommandAccess.run(hub.baseUrl(), hub.demo().adminToken(), new PrintStream(bytes, true),
        List.of("subscribe", "demo", "--public-url", hub.baseUrl()));
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(printed).contains("registered subscription", "confirm_final_grades", "/webhooks/inspera/demo");
    assertThat(printed).doesNotContain(inspera.demoTenant().subscriptions().all().get(0).secret());
  }

  @Test
  void anEndpointThatDoesNotAnswerTheValidationIsRefusedWithInsperasReason() {
    HttpResponse<String> answer = operator("POST", "/api/inspera/demo/subscriptions",
        "{\"publicUrl\": \"http://127.0.0.1:9\"}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("Inspera for demo: 400");
  }

  private static HttpResponse<String> signed(String secret) {
    String body = "{\"contextObjectId\": \"sub-" + System.nanoTime() + "\", \"event\": \"resource_created\"}";
    return Http.post(hub.baseUrl() + "/webhooks/inspera/demo", body, Map.of("Content-Type", "application/json",
        InsperaSignature.HEADER, InsperaSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8))));
  }

  private static HttpResponse<String> operator(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.baseUrl() + path))
        .header("Authorization", "Bearer " + hub.demo().adminToken()).header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return Http.send(b.build());
  }
}
