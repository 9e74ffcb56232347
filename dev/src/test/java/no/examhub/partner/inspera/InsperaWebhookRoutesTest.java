package no.examhub.partner.inspera;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.ExamEventKinds;
import no.examhub.event.ExamSystem;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerSettings;
import no.examhub.institution.WebhookSecrets;
import no.examhub.testing.RouteApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inspera's webhooks in Examhub's meanings, on an unstarted server: a tenant's own event names
 * (configuration per institution) are stored with Examhub's meaning beside the request (which the
 * intake then reads: {@code IntakeTopologyTest}); an event Examhub does not know is stored with no
 * meaning but counted and listed for the operator; a body without {@code event} is refused and
 * counted; Inspera's {@code verification} POST for a new subscription is answered 200 and not stored.
 */
class InsperaWebhookRoutesTest {
  private static final String TENANT_B = "tenant-b";
  private static final String SECRET_B = "tenant-b-webhook-secret";

  @RegisterExtension
  static final RouteApp routes = RouteApp.perClass().seeded(db -> new InstitutionRepository(db).save(new Institution(
      TENANT_B, "8888", "8888", ExamSystem.INSPERA, "tenant-b", "test", true, true, true, "",
      new WebhookSecrets(List.of(SECRET_B), null, null, null, Map.of()),
      new PartnerSettings(new PartnerSettings.Inspera("b.inspera.no", "examhub-b",
          Map.of(PartnerSettings.Inspera.FINAL_GRADES, "grades_final_v2")), null, null, null, null))));

  @Test
  void aTenantsOwnEventNameIsStoredWithExamhubsMeaning() {
    String objectId = fresh();

    JavalinTest.test(app(), (server, client) ->
        assertThat(post(client, TENANT_B, SECRET_B, body(objectId, "grades_final_v2"), Map.of()).code()).isEqualTo(200));

    assertThat(stored(objectId).headers()).containsEntry(InsperaEventNames.MEANING_HEADER, ExamEventKinds.FINAL_GRADES);
  }

  @Test
  void theDocumentedDefaultNameMeansNothingToATenantThatNamedItOtherwise() {
    String objectId = fresh();

    JavalinTest.test(app(), (server, client) -> {
      assertThat(post(client, TENANT_B, SECRET_B, body(objectId, "confirm_final_grades"), Map.of()).code())
          .isEqualTo(200);

      assertThat(stored(objectId).headers()).containsEntry(InsperaEventNames.MEANING_HEADER, "");
      assertThat(listed(client, TENANT_B)).contains("\"event\":\"confirm_final_grades\"");
    });
  }

  @Test
  void anUnknownEventIsStoredButCountedAndListedForTheOperator() {
    String objectId = fresh();
    double before = counter("examhub.inspera.unknown-events", "demo");

    JavalinTest.test(app(), (server, client) -> {
      assertThat(post(client, "demo", secret(), body(objectId, "mystery_event"), Map.of()).code()).isEqualTo(200);

      assertThat(stored(objectId).headers()).containsEntry(InsperaEventNames.MEANING_HEADER, "");
      assertThat(counter("examhub.inspera.unknown-events", "demo")).isEqualTo(before + 1);
      assertThat(listed(client, "demo")).contains("\"event\":\"mystery_event\"",
          "\"lastContextObjectId\":\"" + objectId + "\"");
      assertThat(RouteApp.get(client, UnknownInsperaEventRoutes.PATH, Map.of()).code()).isEqualTo(401);
    });
  }

  @Test
  void aMeaningHeaderFromOutsideIsOverwritten() {
    String objectId = fresh();

    JavalinTest.test(app(), (server, client) -> post(client, "demo", secret(), body(objectId, "forged_event"),
        Map.of(InsperaEventNames.MEANING_HEADER, ExamEventKinds.FINAL_GRADES)));

    assertThat(stored(objectId).headers()).containsEntry(InsperaEventNames.MEANING_HEADER, "");
  }

  @Test
  void aSignedBodyWithoutEventIsRefusedWith400AndCounted() {
    double before = counter("examhub.inspera.missing-event", "demo");
    int written = routes.writer().written().size();

    JavalinTest.test(app(), (server, client) -> {
      Response answer = post(client, "demo", secret(), "{\"contextObjectId\": 35199862}", Map.of());

      assertThat(answer.code()).isEqualTo(400);
      assertThat(answer.body().string()).contains("event is missing");
      assertThat(counter("examhub.inspera.missing-event", "demo")).isEqualTo(before + 1);
      assertThat(post(client, "demo", secret(), "", Map.of()).code()).isEqualTo(400);
      assertThat(post(client, "demo", secret(), "null", Map.of()).code()).isEqualTo(400);
    });
    assertThat(routes.writer().written()).hasSize(written);
  }

  @Test
  void aSignedBodyOlderThanTheDedupWindowMinusItsMarginIsRefusedAsAPossibleReplay() {
    Instant now = Instant.now();
    String staleId = fresh();
    String stale = "{\"contextObjectId\": \"" + staleId + "\", \"event\": \"resource_created\", \"timestamp\": \""
        + now.minus(Duration.ofDays(29)).minusSeconds(60) + "\"}";
    String old = "{\"contextObjectId\": \"" + fresh() + "\", \"event\": \"resource_created\", \"timestamp\": \""
        + now.minus(Duration.ofDays(28)) + "\"}";

    JavalinTest.test(app(), (server, client) -> {
      Response refused = post(client, "demo", secret(), stale, Map.of());

      assertThat(refused.code()).isEqualTo(400);
      assertThat(refused.body().string()).contains("\"errorCode\":\"70418\"", "replay");
      assertThat(post(client, "demo", secret(), old, Map.of()).code()).isEqualTo(200);
    });
    assertThat(raw()).noneMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains(staleId));
  }

  @Test
  void theRawRecordKeepsTheRequestsHeadersButNotItsSignature() {
    String objectId = fresh();

    JavalinTest.test(app(), (server, client) -> assertThat(post(client, "demo", secret(),
        body(objectId, "resource_created"), Map.of("X-Partner-Trace", "t-1")).code()).isEqualTo(200));

    assertThat(stored(objectId).headers()).containsEntry("x-partner-trace", "t-1")
        .doesNotContainKey("x-inspera-signature");
  }

  @Test
  void insperasVerificationPostIsAnswered200EvenBeforeItsSecretIsKnownAndNotStored() {
    String title = UUID.randomUUID().toString();
    String body = "{\"contextObjectId\": 0, \"contextObjectTitle\": \"" + title
        + "\", \"event\": \"verification\", \"timestamp\": \"" + Instant.now() + "\"}";

    JavalinTest.test(app(), (server, client) ->
        assertThat(post(client, "demo", "a-secret-not-stored-yet", body, Map.of()).code()).isEqualTo(200));

    assertThat(raw()).noneMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains(title));
  }

  /** The webhook and the operator's list of unknown events, as Examhub wires them. */
  private static Javalin app() {
    UnknownInsperaEvents unknown = new UnknownInsperaEvents(routes.registry(), Clock.systemUTC());
    return routes.app(new InsperaWebhookRoutes(routes.institutions(), routes.ingress(), unknown, Clock.systemUTC(),
            routes.config().dedupRetention().minus(routes.config().ingressSettings().insperaTimestampMargin())),
        new UnknownInsperaEventRoutes(routes.auth(), unknown));
  }

  private static Response post(HttpClient client, String institution, String secret, String body,
      Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>(extra);
    headers.put(InsperaSignature.HEADER, InsperaSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8)));
    return RouteApp.post(client, "/webhooks/inspera/" + institution, body, headers);
  }

  private static String secret() {
    return routes.demo().insperaSecret();
  }

  private static String body(String objectId, String event) {
    return "{\"contextObjectId\": \"" + objectId + "\", \"event\": \"" + event + "\", \"timestamp\": \""
        + Instant.now() + "\"}";
  }

  private static List<RawRequest> raw() {
    return routes.writer().values(Topics.RAW_INSPERA);
  }

  /** The one raw request written for this object, keyed {@code institution/objectId}. */
  private static RawRequest stored(String objectId) {
    List<RawRequest> found = raw().stream()
        .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains("\"" + objectId + "\"")).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static String listed(HttpClient client, String institution) {
    return RouteApp.get(client, UnknownInsperaEventRoutes.PATH + "?institution=" + institution,
        RouteApp.bearer(routes.demo().adminToken())).body().string();
  }

  private static double counter(String name, String institution) {
    var counter = routes.registry().find(name).tag("institution", institution).counter();
    return counter == null ? 0 : counter.count();
  }

  private static String fresh() {
    return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1_000_000_000L);
  }
}
