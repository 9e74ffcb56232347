package no.examhub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import no.examhub.access.ApiClient;
import no.examhub.access.ApiClientDirectory;
import no.examhub.access.ApiClientRepository;
import no.examhub.access.Delegations;
import no.examhub.access.Scopes;
import no.examhub.event.FsAppeal;
import no.examhub.flow.cases.CaseQueries;
import no.examhub.partner.proctoring.AccessCodeKey;
import no.examhub.platform.crypto.Hmac;
import no.examhub.testing.Eventually;
import no.examhub.testing.FsAppeals;
import no.examhub.testing.Http;
import no.examhub.testing.Instances;
import no.examhub.testing.Operator;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console on one of two instances of one application: its searches and case pages reach the
 * cases the other instance holds, asked there on the operator's behalf with a delegation that the
 * other instance checks, and under which it applies the operator's own scope. A delegation that is
 * forged, expired, aimed at another request or instance, or used twice is refused.
 */
class ConsoleAcrossInstancesTest {
  private static final String APPLICATION_ID = "examhub-console-across-" + UUID.randomUUID();
  private static final String A = "across-a-" + UUID.randomUUID().toString().substring(0, 6);
  private static final String B = "across-b-" + UUID.randomUUID().toString().substring(0, 6);
  private static final String VURD_ID = "ACROSS-" + UUID.randomUUID().toString().substring(0, 8);

  @RegisterExtension
  @Order(1)
  static final TestHub first = TestHub.perClass(settings());
  @RegisterExtension
  @Order(2)
  static final TestHub second = TestHub.perClass(settings()).sharingStoreOf(first);

  private static final List<FsAppeal> casesOfA = new ArrayList<>();
  private static FsAppeal caseOfBOnSecond;
  private static FsAppeal caseOfAOnSecond;
  private static ApiClient operatorOfA;
  private static String tokenOfA;
  private static ApiClientDirectory directory;

  private static Map<String, String> settings() {
    Map<String, String> s = new HashMap<>(Instances.of(APPLICATION_ID));
    s.put("EXAMHUB_CONFIG_REFRESH", "PT0.5S");
    return s;
  }

  @BeforeAll
  static void casesOnBothInstances() {
    Eventually.holds(Duration.ofSeconds(90), () -> first.hub().streamsRunning() && second.hub().streamsRunning()
        && first.hub().streams().unwrap().streamsMetadataForStore("case-store").size() == 2);
    tokenOfA = UUID.randomUUID().toString();
    operatorOfA = new ApiClient("across-operator-of-a", Hmac.sha256Hex(tokenOfA), Set.of(Scopes.ADMIN), null,
        "operator of A only", Set.of(A));
    new ApiClientRepository(first.database()).save(operatorOfA);
    directory = new ApiClientDirectory(new ApiClientRepository(first.database()), Duration.ofSeconds(1));
    // Chosen by their owner, so that both instances hold some: the point is the other one's.
    CaseQueries owners = new CaseQueries(first.hub().streams().unwrap());
    int onSecond = 0;
    for (int i = 0; casesOfA.size() < 6 || onSecond < 2; i++) {
      FsAppeal a = FsAppeals.active(A, VURD_ID, "3000" + i);
      boolean held = heldBySecond(owners, a);
      if (held ? onSecond < 3 : casesOfA.size() - onSecond < 3) {
        casesOfA.add(a);
        onSecond += held ? 1 : 0;
      }
    }
    caseOfAOnSecond = casesOfA.stream().filter(a -> heldBySecond(owners, a)).findFirst().orElseThrow();
    for (int i = 0; caseOfBOnSecond == null; i++) {
      FsAppeal b = FsAppeals.active(B, VURD_ID, "4000" + i);
      caseOfBOnSecond = heldBySecond(owners, b) ? b : null;
    }
    List<FsAppeal> all = new ArrayList<>(casesOfA);
    all.add(caseOfBOnSecond);
    FsAppeals.produce(first.hub().bootstrapServers(), all);
    Operator platform = Operator.of(first);
    Eventually.holds(Duration.ofSeconds(30), () -> all.stream()
        .allMatch(a -> platform.get("/api/cases/" + a.caseKey()).statusCode() == 200));
    for (TestHub hub : List.of(first, second)) {
      Operator scoped = new Operator(hub.baseUrl(), tokenOfA);
      Eventually.holds(Duration.ofSeconds(15), () -> scoped.get("/api/institutions").statusCode() == 200);
    }
  }

  @AfterAll
  static void closeDirectory() {
    if (directory != null) {
      directory.close();
    }
  }

  @Test
  void aSearchOnOneInstanceFindsTheCasesTheOtherHolds() {
    ConsoleSession console = ConsoleSession.signedIn(first.baseUrl(), first.demo().adminToken());

    HttpResponse<String> page = console.get("/console/cases?vurdId=" + VURD_ID);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains((casesOfA.size() + 1) + " cases.");
    casesOfA.forEach(a -> assertThat(page.body()).contains(href(a)));
    assertThat(page.body()).contains(href(caseOfBOnSecond));
  }

  @Test
  void theCasePageOfACaseTheOtherInstanceHoldsIsReadFromIt() {
    ConsoleSession console = ConsoleSession.signedIn(first.baseUrl(), first.demo().adminToken());

    HttpResponse<String> page = console.get(href(caseOfAOnSecond));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Case " + A + " / " + VURD_ID + " / " + caseOfAOnSecond.kandidatnr())
        .contains("class=\"served-by\">" + second.baseUrl() + "<");
  }

  @Test
  void anOperatorOfOneInstitutionSeesNoOtherInstitutionsCaseThroughTheOtherInstance() {
    ConsoleSession console = ConsoleSession.signedIn(first.baseUrl(), tokenOfA);

    HttpResponse<String> search = console.get("/console/cases?vurdId=" + VURD_ID);
    HttpResponse<String> otherCase = console.get(href(caseOfBOnSecond));

    assertThat(search.statusCode()).isEqualTo(200);
    casesOfA.forEach(a -> assertThat(search.body()).contains(href(a)));
    assertThat(search.body()).doesNotContain(B);
    assertThat(otherCase.statusCode()).isEqualTo(404);
    assertThat(otherCase.body()).doesNotContain(caseOfBOnSecond.kandidatnr());
  }

  @Test
  void theOtherInstanceAppliesTheDelegatingOperatorsOwnScope() {
    Delegations signer = signer(Clock.systemUTC());
    String search = "/api/cases?local=true&limit=100&vurdId=" + VURD_ID;
    String otherCase = "/api/cases/" + caseOfBOnSecond.caseKey();

    HttpResponse<String> found = delegated(second, search,
        signer.sign(operatorOfA, second.baseUrl(), "GET", search, "t-1"));
    HttpResponse<String> refused = delegated(second, otherCase,
        signer.sign(operatorOfA, second.baseUrl(), "GET", otherCase, "t-2"));

    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.body()).contains(caseOfAOnSecond.caseKey()).doesNotContain(B);
    assertThat(refused.statusCode()).isEqualTo(404);
  }

  @Test
  void aForgedExpiredMisaimedOrReusedDelegationIsRefused() {
    String search = "/api/cases?local=true&limit=100&vurdId=" + VURD_ID;
    Delegations signer = signer(Clock.systemUTC());
    Delegations forger = new Delegations(new AccessCodeKey("another-deployments-key-0123456789abcdef")
        .derive(Delegations.KEY_PURPOSE), Optional.empty(), directory, Clock.systemUTC());
    Delegations late = signer(Clock.fixed(Instant.now().minusSeconds(60), ZoneOffset.UTC));
    String valid = signer.sign(operatorOfA, second.baseUrl(), "GET", search, "t-3");

    HttpResponse<String> forged = delegated(second, search, forger.sign(operatorOfA, second.baseUrl(), "GET", search, "t-4"));
    HttpResponse<String> expired = delegated(second, search, late.sign(operatorOfA, second.baseUrl(), "GET", search, "t-5"));
    HttpResponse<String> misaimed = delegated(second, search.replace(VURD_ID, "OTHER"),
        signer.sign(operatorOfA, second.baseUrl(), "GET", search, "t-6"));
    HttpResponse<String> otherRoute = delegated(second, "/api/institutions", signer.sign(operatorOfA, second.baseUrl(), "GET",
        "/api/institutions", "t-7"));
    HttpResponse<String> elsewhere = delegated(first, search, signer.sign(operatorOfA, second.baseUrl(), "GET", search,
        "t-8"));
    HttpResponse<String> once = delegated(second, search, valid);
    HttpResponse<String> twice = delegated(second, search, valid);

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("70401");
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.body()).contains("70405");
    assertThat(misaimed.statusCode()).isEqualTo(401);
    assertThat(misaimed.body()).contains("70401");
    // Only the case queries take a delegation; elsewhere it is no credential at all.
    assertThat(otherRoute.statusCode()).isEqualTo(401);
    assertThat(otherRoute.body()).contains("70402");
    assertThat(elsewhere.statusCode()).as("meant for the other instance").isEqualTo(401);
    assertThat(elsewhere.body()).contains("70401");
    assertThat(once.statusCode()).isEqualTo(200);
    assertThat(twice.statusCode()).isEqualTo(401);
    assertThat(twice.body()).contains("70401");
  }

  /** Signs as the instances do: the same deployment key, derived the same way. */
  private static Delegations signer(Clock clock) {
    return new Delegations(new AccessCodeKey(Instances.ACCESS_CODE_KEY).derive(Delegations.KEY_PURPOSE), Optional.empty(),
        directory, clock);
  }

  private static HttpResponse<String> delegated(TestHub hub, String pathAndQuery, String delegation) {
    return Http.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(20))
        .header(Delegations.HEADER, delegation).GET().build());
  }

  private static boolean heldBySecond(CaseQueries owners, FsAppeal a) {
    return owners.ownerOf(a.caseKey()).activeHost().port() == second.hub().httpPort();
  }

  private static String href(FsAppeal a) {
    return "/console/cases/" + a.institution() + "/" + a.vurdId() + "/" + a.kandidatnr();
  }
}
