package no.examhub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator console at {@code /console}, over real HTTP against a started hub: signing in with
 * an operator token, a session cookie that holds no secret, the case page's timeline, dead letters
 * replayed with a reason that reaches the audit, and an operator scoped to institution A who can
 * neither see nor replay institution B's data.
 */
class ConsoleTest {
  private static final String A = "console-a-" + UUID.randomUUID().toString().substring(0, 6);
  private static final String B = "console-b-" + UUID.randomUUID().toString().substring(0, 6);
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_DISPATCH_MAX_ATTEMPTS", "1",
      "EXAMHUB_CONFIG_REFRESH", "PT0.5S")).awaitingStreams();
  private static MongoClient mongo;
  private static String tokenOfA;
  private static String expiredToken;
  private static FsAppeal demoAppeal;
  private static FsAppeal caseOfA;
  private static FsAppeal caseOfB;
  private static String deadLetterOfA;
  private static String deadLetterOfB;

  @BeforeAll
  static void start() {
    mongo = MongoClients.create(hub.mongoUri());
    ApiClientRepository clients = new ApiClientRepository(mongo.getDatabase("examhub"));
    tokenOfA = UUID.randomUUID().toString();
    clients.save(new ApiClient("console-operator-of-a", Hmac.sha256Hex(tokenOfA), Set.of(Scopes.ADMIN), null,
        "operator of A only", Set.of(A)));
    expiredToken = UUID.randomUUID().toString();
    clients.save(new ApiClient("console-expired", Hmac.sha256Hex(expiredToken), Set.of(Scopes.ADMIN),
        Instant.now().minusSeconds(60), "expired"));
    Operator operatorOfA = new Operator(hub.baseUrl(), tokenOfA);
    Eventually.holds(Duration.ofSeconds(15), () -> operatorOfA.get("/api/institutions").statusCode() == 200);
    DeadLetterFixtures.failingFetches(hub, A, 1, 503);
    DeadLetterFixtures.failingFetches(hub, B, 1, 503);
    DeadLetterFixtures.deadLettersOf(hub, A, 1);
    DeadLetterFixtures.deadLettersOf(hub, B, 1);
    deadLetterOfA = deadLetterId(A);
    deadLetterOfB = deadLetterId(B);
    // The embedded default's demo appeal (simulator/fs/FsDemoCases), as FS's poller also reads it.
    demoAppeal = FsAppeals.active("DEMO-INF1000-2026H", "101");
    caseOfA = FsAppeals.active(A, "CONSOLE-1", "1001");
    caseOfB = FsAppeals.active(B, "CONSOLE-1", "1002");
    FsAppeals.produce(hub.hub().bootstrapServers(), List.of(demoAppeal, caseOfA, caseOfB));
    Operator platform = Operator.of(hub);
    Eventually.holds(Duration.ofSeconds(30), () -> platform.get("/api/cases/" + caseOfA.caseKey()).statusCode() == 200
        && platform.get("/api/cases/" + caseOfB.caseKey()).statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @Test
  void anOperatorTokenSignsInWithACookieThatHoldsNoSecret() {
    ConsoleSession browser = new ConsoleSession(hub.baseUrl());
    HttpResponse<String> login = browser.signIn(hub.demo().adminToken());

    assertThat(login.statusCode()).isEqualTo(303);
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/console")
        .doesNotContain(hub.demo().adminToken()).doesNotContain(Hmac.sha256Hex(hub.demo().adminToken()));
    HttpResponse<String> page = browser.get("/console/cases");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.body()).contains("demo-operator", "Find a case", "name=\"viewport\"", "<label for=\"vurdId\"")
        .doesNotContain(hub.demo().adminToken());
  }

  @Test
  void withoutAValidOperatorTokenThereIsNoSession() {
    assertThat(new ConsoleSession(hub.baseUrl()).signIn("not-a-token").statusCode()).isEqualTo(401);
    assertThat(new ConsoleSession(hub.baseUrl()).signIn(expiredToken).body()).contains("expired");
    HttpResponse<String> metrica = new ConsoleSession(hub.baseUrl()).signIn(hub.demo().metricaPublisherToken());
    assertThat(metrica.statusCode()).isEqualTo(401);
    assertThat(metrica.headers().firstValue("Set-Cookie")).isEmpty();

    ConsoleSession stranger = new ConsoleSession(hub.baseUrl());
    assertThat(stranger.get("/console/cases").statusCode()).as("no cookie").isEqualTo(302);
    stranger.forgeCookie(ConsoleAuth.COOKIE + "=" + Hmac.sha256Hex(hub.demo().adminToken()));
    HttpResponse<String> forged = stranger.get("/console/dead-letters");
    assertThat(forged.statusCode()).as("a forged cookie").isEqualTo(302);
    assertThat(forged.headers().firstValue("Location").orElseThrow()).startsWith("/console/login");
  }

  @Test
  void signingOutEndsTheSessionAndAFormNeedsTheSessionsCsrfToken() {
    ConsoleSession browser = ConsoleSession.signedIn(hub.baseUrl(), hub.demo().adminToken());
    HttpResponse<String> forged = browser.post("/console/dead-letters/replay",
        Map.of("id", deadLetterOfA, "reason", "forged", "csrf", "wrong"));
    assertThat(forged.statusCode()).isEqualTo(403);

    String cookie = browser.cookie();
    assertThat(browser.submit("/console/logout", Map.of()).statusCode()).isEqualTo(302);
    ConsoleSession replayed = new ConsoleSession(hub.baseUrl());
    replayed.forgeCookie(cookie);
    assertThat(replayed.get("/console/cases").statusCode()).as("the old cookie after sign-out").isEqualTo(302);
  }

  @Test
  void aDemoAppealsPageShowsItsTimelineFromFsToTheCarriedOutCommand() {
    ConsoleSession browser = ConsoleSession.signedIn(hub.baseUrl(), hub.demo().adminToken());
    String path = "/console/cases/demo/" + demoAppeal.vurdId() + "/" + demoAppeal.kandidatnr();

    Eventually.holds(Duration.ofSeconds(30), () -> browser.get(path).body().contains("attempt 1"));
    String page = browser.get(path).body();
    assertThat(page).contains("Timeline", "FS", "appeal (klage) received", "command ", "carried out", "Waits for",
        "New grade (sensurfrist)", "2026-06-20");
    assertThat(page).doesNotContainPattern("(?<!\\d)\\d{11}(?!\\d)");

    String found = browser.get("/console/cases?institution=demo&vurdId=" + demoAppeal.vurdId() + "&kandidatnr=101").body();
    assertThat(found).contains("1 case.", path);
  }

  @Test
  void aCasePageShowsWhenItsFsRecordCameAndWhenItsRepeatWasDeduplicatedInTimeOrderWithItsCommand() {
    FsAppeal first = FsAppeals.active(A, "CONSOLE-2", "2001");
    FsAppeal repeat = new FsAppeal(first.institution(), first.examSystem(), first.vurdId(), first.kandidatnr(),
        first.klagestatus(), first.sensurfrist(), first.kommisjonsidOppr(), first.kommisjonsidNy(),
        first.polledAt().plusSeconds(60)); // later than the command, however slow the hub
    FsAppeals.produce(hub.hub().bootstrapServers(), List.of(first, repeat));
    ConsoleSession browser = ConsoleSession.signedIn(hub.baseUrl(), tokenOfA);
    String path = "/console/cases/" + first.caseKey();

    Eventually.holds(Duration.ofSeconds(30), () -> browser.get(path).body().contains("repeat deduplicated"));
    String page = browser.get(path).body();

    int received = page.indexOf("appeal (klage) received");
    int command = page.indexOf("command register-appeal");
    int deduplicated = page.indexOf("appeal (klage) repeat deduplicated");
    assertThat(received).isPositive().isLessThan(command);
    assertThat(command).isLessThan(deduplicated);
    assertThat(page).contains("AKTIV, polled from FS", "1 repeat of the same content");
    assertThat(page).doesNotContainPattern("(?<!\\d)\\d{11}(?!\\d)");
  }

  @Test
  void aReplayFromTheConsoleKeepsItsReasonInTheAudit() {
    ConsoleSession browser = ConsoleSession.signedIn(hub.baseUrl(), hub.demo().adminToken());
    String one = browser.get("/console/dead-letters/" + deadLetterOfA).body();
    assertThat(one).contains("Payload (redacted)", "fetch-session", A);

    HttpResponse<String> replay = browser.submit("/console/dead-letters/replay",
        Map.of("id", deadLetterOfA, "reason", "Proview was down; it is back"));

    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.body()).contains(deadLetterOfA, "Proview was down; it is back");
    Document audit = mongo.getDatabase("examhub").getCollection("audit_log")
        .find(Filters.and(Filters.eq("submodule", "replay"), Filters.eq("deadLetterId", deadLetterOfA))).first();
    assertThat(audit).isNotNull();
    assertThat(audit.getString("operatorReason")).isEqualTo("Proview was down; it is back");
    assertThat(audit.getString("clientId")).isEqualTo("demo-operator");
    Eventually.holds(Duration.ofSeconds(30), () -> browser.get("/console/dead-letters/" + deadLetterOfA).body()
        .contains("Carried out"));
  }

  @Test
  void anOperatorOfOneInstitutionNeitherSeesNorReplaysAnothersData() {
    ConsoleSession operatorOfA = ConsoleSession.signedIn(hub.baseUrl(), tokenOfA);

    assertThat(operatorOfA.get("/console/cases/" + caseOfA.caseKey()).statusCode()).isEqualTo(200);
    HttpResponse<String> other = operatorOfA.get("/console/cases/" + caseOfB.caseKey());
    HttpResponse<String> missing = operatorOfA.get("/console/cases/" + A + "/NOPE-1/1");
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(other.body().replaceAll("[0-9a-f-]{36}", "")).isEqualTo(missing.body().replaceAll("[0-9a-f-]{36}", ""));
    assertThat(operatorOfA.get("/console/cases?vurdId=CONSOLE-1").body()).contains(caseOfA.caseKey().split("/")[0])
        .doesNotContain(B);
    assertThat(operatorOfA.get("/console/cases?institution=" + B).body()).contains("No case matches.");

    assertThat(operatorOfA.get("/console/dead-letters").body()).contains(deadLetterOfA).doesNotContain(deadLetterOfB)
        .doesNotContain(B);
    assertThat(operatorOfA.get("/console/dead-letters/" + deadLetterOfB).statusCode()).isEqualTo(404);
    assertThat(operatorOfA.get("/console/health").body()).doesNotContain(B);

    String byId = operatorOfA.submit("/console/dead-letters/replay", Map.of("id", deadLetterOfB, "reason", "mine?")).body();
    String byFilter = operatorOfA.submit("/console/dead-letters/replay",
        Map.of("selection", "filter", "institution", B, "reason", "mine?")).body();
    assertThat(byId).contains("0 sent back", "not found");
    assertThat(byFilter).contains("0 sent back");
    JsonNode ofB = Json.tree(Operator.of(hub).get("/api/dead-letters?institution=" + B).body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("deadLetters").get(0);
    assertThat(ofB.path("replayed").asBoolean()).as("B's dead letter, as the platform sees it").isFalse();
  }

  @Test
  void theInstitutionsPageShowsWhichCredentialsAreSetAndChecksTheConnection() {
    ConsoleSession browser = ConsoleSession.signedIn(hub.baseUrl(), hub.demo().adminToken());
    String page = browser.get("/console/institutions").body();
    assertThat(page).contains("<h2 id=\"inst-demo\">demo</h2>", "fs: set", "inspera: set", "appeals, explanations")
        .doesNotContain(hub.demo().insperaSecret());

    String checked = browser.submit("/console/institutions/demo/check", Map.of()).body();

    assertThat(checked).contains("FS test: works", "the token exchange gave a token");
    ConsoleSession operatorOfA = ConsoleSession.signedIn(hub.baseUrl(), tokenOfA);
    assertThat(operatorOfA.get("/console/institutions").body()).contains(A).doesNotContain("inst-demo");
    assertThat(operatorOfA.submit("/console/institutions/demo/check", Map.of()).statusCode()).isEqualTo(404);
  }

  private static String deadLetterId(String institution) {
    JsonNode list = Json.tree(Operator.of(hub).get("/api/dead-letters?institution=" + institution).body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return list.path("deadLetters").get(0).path("id").asText();
  }
}
