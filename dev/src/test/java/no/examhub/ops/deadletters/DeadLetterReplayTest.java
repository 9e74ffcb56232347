package no.examhub.ops.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.examhub.access.ApiClient;
import no.examhub.access.ApiClientRepository;
import no.examhub.access.Scopes;
import no.examhub.event.Command;
import no.examhub.event.Outcome;
import no.examhub.event.Topics;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.json.Json;
import no.examhub.simulator.script.PartnerScript;
import no.examhub.testing.DeadLetterFixtures;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An operator lists dead letters and replays them once the partner is back, on a real broker. */
class DeadLetterReplayTest {
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_DISPATCH_MAX_ATTEMPTS", "1",
      "EXAMHUB_CONFIG_REFRESH", "PT1S"));

  @Test
  void aReplayedDeadLetterSucceedsOnceThePartnerIsBack() {
    String institution = institution();
    Command command = DeadLetterFixtures.failingFetches(hub, institution, 1, 503).get(0);
    DeadLetterFixtures.deadLettersOf(hub, institution, 1);

    JsonNode listed = list("?institution=" + institution + "&partner=proview&errorCode=503");
    assertThat(listed.path("deadLetters")).hasSize(1);
    JsonNode item = listed.path("deadLetters").get(0);
    assertThat(item.path("replayed").asBoolean()).isFalse();
    assertThat(item.path("failed").path("command").path("commandId").asText()).isEqualTo(command.commandId());
    String id = item.path("id").asText();

    JsonNode replay = replay("{\"ids\": [\"" + id + "\"], \"reason\": \"Proview is back\"}");

    assertThat(replay.path("replayed").asInt()).isEqualTo(1);
    assertThat(successes(command, 1)).hasSize(1);
    assertThat(appliedCalls(command)).hasSize(1);
    assertThat(list("?institution=" + institution).path("deadLetters").get(0).path("replayed").asBoolean()).isTrue();
    Document audit = hub.database().getCollection("audit_log")
        .find(Filters.and(Filters.eq("submodule", "replay"), Filters.eq("deadLetterId", id))).first();
    assertThat(audit).isNotNull();
    assertThat(audit.getString("clientId")).isEqualTo("demo-operator");
    assertThat(audit.getString("commandId")).isEqualTo(command.commandId());
    assertThat(audit.getString("operatorReason")).as("the operator's reason, kept in the audit").isEqualTo("Proview is back");
  }

  @Test
  void replayingTwiceWithoutForceReplaysOnceAndForceNeverCallsThePartnerTwice() {
    String institution = institution();
    Command command = DeadLetterFixtures.failingFetches(hub, institution, 1, 503).get(0);
    DeadLetterFixtures.deadLettersOf(hub, institution, 1);
    String filter = "{\"partner\": \"proview\", \"institution\": \"" + institution + "\"}";

    JsonNode first = replay(filter);
    JsonNode second = replay(filter);

    assertThat(first.path("replayed").asInt()).isEqualTo(1);
    assertThat(second.path("replayed").asInt()).isZero();
    assertThat(second.path("skipped")).hasSize(1);
    assertThat(successes(command, 1)).hasSize(1);

    JsonNode forced = replay("{\"institution\": \"" + institution + "\", \"force\": true}");

    assertThat(forced.path("replayed").asInt()).isEqualTo(1);
    assertThat(successes(command, 2)).hasSize(2);
    assertThat(appliedCalls(command)).as("the execution record keeps a forced replay from calling again").hasSize(1);
  }

  @Test
  void unknownIdsAreReportedAndAnEmptySelectionIsRefused() {
    JsonNode answer = replay("{\"ids\": [\"examhub.commands.dead-letters:0:999999\"]}");
    assertThat(answer.path("replayed").asInt()).isZero();
    assertThat(answer.path("notFound").get(0).asText()).isEqualTo("examhub.commands.dead-letters:0:999999");

    assertError(post("/api/dead-letters/replay", "{}", hub.demo().adminToken()), 400, "70416");
    assertError(post("/api/dead-letters/replay", "{\"all\": true, \"partner\": \"fs\"}", hub.demo().adminToken()), 400, "70416");
    assertError(post("/api/dead-letters/replay", "not json", hub.demo().adminToken()), 400, "70416");
    assertError(get("/api/dead-letters?limit=0", hub.demo().adminToken()), 400, "70416");
  }

  @Test
  void theOperatorEndpointsWantAnAdminBearerToken() {
    assertError(get("/api/dead-letters", null), 401, "70402");
    assertError(get("/api/dead-letters", "not-a-token"), 401, "70401");
    assertError(get("/api/dead-letters", hub.demo().metricaConsumerToken()), 403, "70403");
    assertError(post("/api/dead-letters/replay", "{\"all\": true}", null), 401, "70402");
    assertError(post("/api/dead-letters/replay", "{\"all\": true}", hub.demo().metricaPublisherToken()), 403, "70403");
  }

  @Test
  void anExpiredOperatorTokenIsAnsweredExpired() {
    String token = UUID.randomUUID().toString();
    new ApiClientRepository(hub.database()).save(new ApiClient("old-operator", Hmac.sha256Hex(token),
        Set.of(Scopes.ADMIN), Instant.now().minusSeconds(60), "expired"));

    // Known once the client directory has refreshed (every second here); unknown until then.
    Eventually.holds(Duration.ofSeconds(15), () -> !get("/api/dead-letters", token).body().contains("70401"));
    assertError(get("/api/dead-letters", token), 401, "70405");
  }

  private static String institution() {
    return "replay-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static List<Outcome> successes(Command c, int expected) {
    return TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.OUTCOMES,
        o -> o.commandId().equals(c.commandId()) && o.success(), expected, Duration.ofSeconds(30));
  }

  private static List<PartnerScript.Call> appliedCalls(Command c) {
    List<PartnerScript.Call> applied = new ArrayList<>();
    for (PartnerScript.Call call : hub.simulators().orElseThrow().proview().script().calls()) {
      if (c.commandId().equals(call.idempotencyKey()) && call.applied()) {
        applied.add(call);
      }
    }
    return applied;
  }

  private static JsonNode list(String query) {
    HttpResponse<String> r = get("/api/dead-letters" + query, hub.demo().adminToken());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode replay(String body) {
    HttpResponse<String> r = post("/api/dead-letters/replay", body, hub.demo().adminToken());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.baseUrl() + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return Http.send(b.build());
  }

  private static HttpResponse<String> post(String path, String body, String token) {
    return Http.post(hub.baseUrl() + path, body, token == null ? Map.of("Content-Type", "application/json")
        : Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token));
  }

  private static void assertError(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(Json.tree(r.body().getBytes(StandardCharsets.UTF_8)).path("errorCode").asText()).isEqualTo(code);
  }
}
