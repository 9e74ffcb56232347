package no.examhub.ops.scopes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.examhub.access.ApiClient;
import no.examhub.access.ApiClientRepository;
import no.examhub.access.Scopes;
import no.examhub.event.FsAppeal;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.json.Json;
import no.examhub.testing.DeadLetterFixtures;
import no.examhub.testing.Eventually;
import no.examhub.testing.FsAppeals;
import no.examhub.testing.Operator;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator scoped to institution A neither sees nor changes institution B's data, on any
 * operator route: B's items are answered exactly as items that do not exist (404, or absent from a
 * list, or {@code notFound} in a replay), while A's are served as to the platform's operator.
 */
class OperatorScopesTest {
  private static final String A = "scope-a-" + UUID.randomUUID().toString().substring(0, 6);
  private static final String B = "scope-b-" + UUID.randomUUID().toString().substring(0, 6);
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_DISPATCH_MAX_ATTEMPTS", "1",
      "EXAMHUB_CONFIG_REFRESH", "PT0.5S"))
      .awaitingStreams();
  private static Operator platform;
  private static Operator operatorOfA;
  private static FsAppeal caseOfA;
  private static FsAppeal caseOfB;
  private static String deadLetterOfA;
  private static String deadLetterOfB;

  @BeforeAll
  static void start() {
    platform = Operator.of(hub);
    String token = UUID.randomUUID().toString();
    new ApiClientRepository(hub.database()).save(new ApiClient("operator-of-a", Hmac.sha256Hex(token),
        Set.of(Scopes.ADMIN, Scopes.ERASURE), null, "operator of A only", Set.of(A)));
    operatorOfA = new Operator(hub.baseUrl(), token);
    Eventually.holds(Duration.ofSeconds(15), () -> operatorOfA.get("/api/institutions").statusCode() == 200);
    // Both institutions exist (the fixture creates them), each with a dead letter and a case.
    DeadLetterFixtures.failingFetches(hub, A, 1, 503);
    DeadLetterFixtures.failingFetches(hub, B, 1, 503);
    DeadLetterFixtures.deadLettersOf(hub, A, 1);
    DeadLetterFixtures.deadLettersOf(hub, B, 1);
    deadLetterOfA = deadLetterId(A);
    deadLetterOfB = deadLetterId(B);
    caseOfA = FsAppeals.active(A, "SCOPE-1", "1001");
    caseOfB = FsAppeals.active(B, "SCOPE-1", "1002");
    FsAppeals.produce(hub.hub().bootstrapServers(), List.of(caseOfA, caseOfB));
    Eventually.holds(Duration.ofSeconds(30), () -> platform.get("/api/cases/" + caseOfA.caseKey()).statusCode() == 200
        && platform.get("/api/cases/" + caseOfB.caseKey()).statusCode() == 200);
  }

  @Test
  void anotherInstitutionsCaseIsAnsweredAsNoCase() {
    assertThat(operatorOfA.get("/api/cases/" + caseOfA.caseKey()).statusCode()).isEqualTo(200);

    HttpResponse<String> other = operatorOfA.get("/api/cases/" + caseOfB.caseKey());
    HttpResponse<String> missing = operatorOfA.get("/api/cases/" + A + "/NOPE-1/1");

    assertNotFound(other);
    assertThat(message(other)).isEqualTo(message(missing));
  }

  @Test
  void caseSearchFindsOnlyTheOperatorsInstitution() {
    JsonNode everything = json(operatorOfA.get("/api/cases?limit=1000"));
    JsonNode askedForB = json(operatorOfA.get("/api/cases?institution=" + B + "&limit=1000"));

    assertThat(institutionsOf(everything.path("cases"))).containsOnly(A);
    assertThat(keysOf(everything.path("cases"))).contains(caseOfA.caseKey());
    assertThat(askedForB.path("count").asInt()).isZero();
    assertThat(keysOf(json(platform.get("/api/cases?limit=1000")).path("cases"))).contains(caseOfB.caseKey());
  }

  @Test
  void deadLetterListShowsOnlyTheOperatorsInstitution() {
    JsonNode everything = json(operatorOfA.get("/api/dead-letters?limit=1000"));
    JsonNode askedForB = json(operatorOfA.get("/api/dead-letters?institution=" + B));

    assertThat(idsOf(everything.path("deadLetters"))).contains(deadLetterOfA).doesNotContain(deadLetterOfB);
    everything.path("deadLetters").forEach(d ->
        assertThat(d.path("failed").path("command").path("institution").asText()).isEqualTo(A));
    assertThat(askedForB.path("total").asInt()).isZero();
  }

  @Test
  void replaysByIdFilterOrAllNeverTouchAnotherInstitution() {
    JsonNode byId = json(operatorOfA.post("/api/dead-letters/replay", "{\"ids\": [\"" + deadLetterOfB + "\"]}"));
    JsonNode byFilter = json(operatorOfA.post("/api/dead-letters/replay", "{\"institution\": \"" + B + "\"}"));
    JsonNode byPartner = json(operatorOfA.post("/api/dead-letters/replay", "{\"partner\": \"proview\"}"));
    JsonNode all = json(operatorOfA.post("/api/dead-letters/replay", "{\"all\": true, \"force\": true}"));

    assertThat(byId.path("replayed").asInt()).isZero();
    assertThat(byId.path("notFound").get(0).asText()).as("reported like a wrong id").isEqualTo(deadLetterOfB);
    assertThat(byFilter.path("replayed").asInt()).isZero();
    assertThat(idsOf(byPartner.path("replayedIds"))).doesNotContain(deadLetterOfB);
    assertThat(idsOf(all.path("replayedIds"))).contains(deadLetterOfA).doesNotContain(deadLetterOfB);
    JsonNode ofB = json(platform.get("/api/dead-letters?institution=" + B)).path("deadLetters").get(0);
    assertThat(ofB.path("replayed").asBoolean()).as("B's dead letter, as the platform sees it").isFalse();
  }

  @Test
  void anotherInstitutionsConfigurationAndAccountsAreAnsweredAsNoInstitution() {
    String unknown = "scope-none-" + UUID.randomUUID().toString().substring(0, 6);
    assertThat(namesOf(json(operatorOfA.get("/api/institutions")).path("institutions"))).containsExactly(A);
    assertThat(operatorOfA.get("/api/institutions/" + A).statusCode()).isEqualTo(200);
    assertThat(operatorOfA.get("/api/institutions/" + A + "/credentials").statusCode()).isEqualTo(200);

    HttpResponse<String> config = operatorOfA.get("/api/institutions/" + B);
    assertNotFound(config);
    assertThat(message(config)).isEqualTo(message(operatorOfA.get("/api/institutions/" + B + "-x"))
        .replace(B + "-x", B));
    assertNotFound(operatorOfA.put("/api/institutions/" + B, institution()));
    assertNotFound(operatorOfA.put("/api/institutions/" + unknown, institution()));
    assertNotFound(operatorOfA.get("/api/institutions/" + B + "/credentials"));
    assertNotFound(operatorOfA.put("/api/institutions/" + B + "/credentials/proview",
        "{\"username\": \"mine\", \"secret\": \"stolen\"}"));
    assertNotFound(operatorOfA.put("/api/roster/" + B + "/exam-1", "[]"));
    assertNotFound(operatorOfA.get("/api/inspera/" + B + "/events"));
    assertNotFound(operatorOfA.post("/api/inspera/" + B + "/subscriptions", "{}"));
    assertNotFound(operatorOfA.post("/api/institutions/" + B + "/erasures", "{\"candidate\": \"101\"}"));
    assertNotFound(operatorOfA.get("/api/institutions/" + B + "/erasures/any"));

    assertThat(platform.get("/api/institutions/" + unknown).statusCode()).as("nothing was created").isEqualTo(404);
    String proviewOfB = json(platform.get("/api/institutions/" + B + "/credentials")).toString();
    assertThat(proviewOfB).as("B's account unchanged").doesNotContain("mine");
    assertThat(json(platform.get("/api/institutions/" + B)).path("instance").asText()).isEqualTo(B);
  }

  private static String institution() {
    return "{\"orgId\": \"9\", \"institutionNumber\": \"9\", \"examSystem\": \"INSPERA\", \"instance\": \"taken\","
        + " \"fsEnvironment\": \"test\", \"appealsEnabled\": false, \"explanationsEnabled\": false}";
  }

  private static String deadLetterId(String institution) {
    JsonNode listed = json(platform.get("/api/dead-letters?institution=" + institution));
    assertThat(listed.path("deadLetters")).hasSize(1);
    return listed.path("deadLetters").get(0).path("id").asText();
  }

  private static void assertNotFound(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    assertThat(r.body()).contains("\"errorCode\":\"70404\"");
  }

  private static String message(HttpResponse<String> r) {
    return json(r).path("message").asText();
  }

  private static JsonNode json(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isLessThan(500);
    return Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> institutionsOf(JsonNode cases) {
    List<String> found = new ArrayList<>();
    cases.forEach(c -> found.add(c.path("institution").asText()));
    return found;
  }

  private static List<String> keysOf(JsonNode cases) {
    List<String> found = new ArrayList<>();
    cases.forEach(c -> found.add(c.path("caseKey").asText()));
    return found;
  }

  private static List<String> idsOf(JsonNode items) {
    List<String> found = new ArrayList<>();
    items.forEach(i -> found.add(i.isTextual() ? i.asText() : i.path("id").asText()));
    return found;
  }

  private static List<String> namesOf(JsonNode institutions) {
    List<String> found = new ArrayList<>();
    institutions.forEach(i -> found.add(i.path("shortName").asText()));
    return found;
  }
}
