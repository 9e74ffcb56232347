package no.examhub.partner.inspera;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamEventKinds;
import no.examhub.event.ExamSystem;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerSettings;
import no.examhub.institution.WebhookSecrets;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inspera's webhooks in Examhub's meanings: a tenant's own event names (configuration per
 * institution) arrive as Examhub's meaning; an event Examhub does not know is stored but counted
 * and listed for the operator; a body without {@code event} is refused and counted; Inspera's
 * {@code verification} POST for a new subscription is answered 200 and not stored.
 */
class InsperaWebhookRoutesTest {
  private static final String TENANT_B = "tenant-b";
  private static final String SECRET_B = "tenant-b-webhook-secret";
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_CONFIG_REFRESH", "PT0.2S",
      "EXAMHUB_FS_URL", "http://127.0.0.1:9/fs", "EXAMHUB_FS_POLL_INTERVAL", "PT1H"));

  @BeforeAll
  static void start() throws Exception {
    try (MongoClient client = MongoClients.create(hub.mongoUri())) {
      new InstitutionRepository(client.getDatabase("examhub")).save(new Institution(TENANT_B, "8888", "8888",
          ExamSystem.INSPERA, "tenant-b", "test", true, true, true, "", new WebhookSecrets(List.of(SECRET_B), null, null, null,
          Map.of()), new PartnerSettings(new PartnerSettings.Inspera("b.inspera.no", "examhub-b",
          Map.of(PartnerSettings.Inspera.FINAL_GRADES, "grades_final_v2")), null, null, null, null)));
    }
    Thread.sleep(1000);
  }

  @Test
  void aTenantsOwnEventNameArrivesAsExamhubsMeaning() {
    String objectId = fresh();

    assertThat(post(TENANT_B, SECRET_B, body(objectId, "grades_final_v2"), Map.of()).statusCode()).isEqualTo(200);

    assertThat(examEvent(objectId).event()).isEqualTo(ExamEventKinds.FINAL_GRADES);
  }

  @Test
  void theDocumentedDefaultNameMeansNothingToATenantThatNamedItOtherwise() {
    String objectId = fresh();

    assertThat(post(TENANT_B, SECRET_B, body(objectId, "confirm_final_grades"), Map.of()).statusCode()).isEqualTo(200);

    assertThat(examEvent(objectId).event()).isEqualTo("confirm_final_grades");
    assertThat(listed(TENANT_B)).contains("\"event\":\"confirm_final_grades\"");
  }

  @Test
  void anUnknownEventIsStoredButCountedAndListedForTheOperator() {
    String objectId = fresh();
    double before = counter("examhub_inspera_unknown_events_total", "demo");

    assertThat(post("demo", hub.insperaSecret(), body(objectId, "mystery_event"), Map.of()).statusCode()).isEqualTo(200);

    assertThat(examEvent(objectId).event()).isEqualTo("mystery_event");
    assertThat(counter("examhub_inspera_unknown_events_total", "demo")).isEqualTo(before + 1);
    assertThat(listed("demo")).contains("\"event\":\"mystery_event\"", "\"lastContextObjectId\":\"" + objectId + "\"");
    assertThat(Http.get(hub.baseUrl() + UnknownInsperaEventRoutes.PATH).statusCode()).isEqualTo(401);
  }

  @Test
  void aMeaningHeaderFromOutsideIsOverwritten() {
    String objectId = fresh();

    post("demo", hub.insperaSecret(), body(objectId, "forged_event"),
        Map.of(InsperaEventNames.MEANING_HEADER, ExamEventKinds.FINAL_GRADES));

    assertThat(examEvent(objectId).event()).isEqualTo("forged_event");
  }

  @Test
  void aSignedBodyWithoutEventIsRefusedWith400AndCounted() {
    double before = counter("examhub_inspera_missing_event_total", "demo");

    HttpResponse<String> answer = post("demo", hub.insperaSecret(), "{\"contextObjectId\": 35199862}", Map.of());

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("event is missing");
    assertThat(counter("examhub_inspera_missing_event_total", "demo")).isEqualTo(before + 1);
    assertThat(post("demo", hub.insperaSecret(), "", Map.of()).statusCode()).isEqualTo(400);
    assertThat(post("demo", hub.insperaSecret(), "null", Map.of()).statusCode()).isEqualTo(400);
  }

  @Test
  void aSignedBodyOlderThanTheDedupWindowMinusItsMarginIsRefusedAsAPossibleReplay() {
    java.time.Instant now = java.time.Instant.now();
    String stale = "{\"contextObjectId\": \"" + fresh() + "\", \"event\": \"resource_created\", \"timestamp\": \""
        + now.minus(Duration.ofDays(29)).minusSeconds(60) + "\"}";
    String old = "{\"contextObjectId\": \"" + fresh() + "\", \"event\": \"resource_created\", \"timestamp\": \""
        + now.minus(Duration.ofDays(28)) + "\"}";

    HttpResponse<String> refused = post("demo", hub.insperaSecret(), stale, Map.of());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("\"errorCode\":\"70418\"", "replay");
    assertThat(post("demo", hub.insperaSecret(), old, Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void theRawRecordKeepsTheRequestsHeadersButNotItsSignature() {
    String objectId = fresh();
    String body = body(objectId, "resource_created");

    assertThat(post("demo", hub.insperaSecret(), body, Map.of("X-Partner-Trace", "t-1")).statusCode()).isEqualTo(200);

    List<no.examhub.event.RawRequest> raw = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.RAW_INSPERA,
        r -> new String(r.body(), StandardCharsets.UTF_8).equals(body), 1, Duration.ofSeconds(30));
    assertThat(raw).singleElement().satisfies(r -> assertThat(r.headers())
        .containsEntry("x-partner-trace", "t-1").doesNotContainKey("x-inspera-signature"));
  }

  @Test
  void insperasVerificationPostIsAnswered200EvenBeforeItsSecretIsKnown() {
    String body = "{\"contextObjectId\": 0, \"contextObjectTitle\": \"" + UUID.randomUUID()
        + "\", \"event\": \"verification\", \"timestamp\": \"" + java.time.Instant.now() + "\"}";

    assertThat(post("demo", "a-secret-not-stored-yet", body, Map.of()).statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> post(String institution, String secret, String body, Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>(extra);
    headers.put("Content-Type", "application/json");
    headers.put(InsperaSignature.HEADER, InsperaSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8)));
    return Http.post(hub.baseUrl() + "/webhooks/inspera/" + institution, body, headers);
  }

  private static String body(String objectId, String event) {
    return "{\"contextObjectId\": \"" + objectId + "\", \"event\": \"" + event + "\", \"timestamp\": \"" + java.time.Instant.now() + "\"}";
  }

  private static ExamEvent examEvent(String objectId) {
    List<ExamEvent> found = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.EXAM_EVENTS,
        e -> objectId.equals(e.objectId()), 1, Duration.ofSeconds(30));
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static String listed(String institution) {
    return Http.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + UnknownInsperaEventRoutes.PATH + "?institution="
        + institution)).header("Authorization", "Bearer " + hub.demo().adminToken()).GET().build()).body();
  }

  private static double counter(String name, String institution) {
    String metrics = Http.get(hub.baseUrl() + "/metrics").body();
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + "{") && line.contains("institution=\"" + institution + "\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  private static String fresh() {
    return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1_000_000_000L);
  }
}
