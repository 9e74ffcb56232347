package no.examhub.partner.inspera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.institution.Institution;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.institution.PartnerSettings;
import no.examhub.event.ExamSystem;
import no.examhub.institution.WebhookSecrets;
import no.examhub.simulator.inspera.InsperaDemoTests;
import no.examhub.simulator.inspera.InsperaSimulator;
import no.examhub.simulator.inspera.InsperaTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inspera's published contract (../shared/partners/README.md, "Inspera Assessment"), pinned on
 * the requests Examhub sends: every institution is a tenant with its own base URL; the API key is
 * exchanged ({@code POST <base>/authenticate/token/?grant_type=authorization_code&client_id=},
 * header {@code code}, form content type, empty body) for a token that goes in {@code
 * Authorization: Bearer}, is reused until shortly before it expires and exchanged once at a time;
 * test search takes {@code externalTestID} and answers {@code {hits, page, results[]}} in pages.
 */
class InsperaContractTest {
  private static final String DEMO = "demo.inspera.no";
  private final InsperaSimulator inspera = InsperaSimulator.demo();
  private final PartnerHttp http = new PartnerHttp(Duration.ofSeconds(2), Duration.ofSeconds(5));
  private final InsperaTokens tokens = new InsperaTokens(Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
  private Javalin app;
  private String simulators;

  @BeforeEach
  void start() {
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      inspera.register(cfg.routes);
    }).start("127.0.0.1", 0);
    simulators = "http://127.0.0.1:" + app.port();
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void eachInstitutionsBaseUrlIsItsTenantsDomain() {
    PartnerEndpoints production = new PartnerEndpoints(PartnerEndpoints.Overrides.NONE);
    PartnerEndpoints simulated = new PartnerEndpoints(new PartnerEndpoints.Overrides("", "", "", "", "", "",
        java.util.Optional.of(simulators)));

    assertThat(production.inspera(institution("nokut", "nokut.inspera.no"))).contains("https://nokut.inspera.no/api");
    assertThat(production.inspera(institution("uio", "uio.inspera.no"))).contains("https://uio.inspera.no/api");
    assertThat(simulated.inspera(institution("nokut", "nokut.inspera.no")))
        .contains(simulators + "/inspera/nokut.inspera.no/api");
  }

  @Test
  void theTokenExchangeIsAFormPostWithTheKeyInTheCodeHeaderAndAnEmptyBody() throws Exception {
    client("demo", DEMO, InsperaSimulator.DEMO_CLIENT_ID, InsperaSimulator.API_KEY).test(InsperaDemoTests.EXAM_TEST);

    assertThat(inspera.demoTenant().exchanges()).singleElement().satisfies(e -> {
      assertThat(e.method()).isEqualTo("POST");
      assertThat(e.path()).isEqualTo("/inspera/" + DEMO + "/api/authenticate/token/");
      assertThat(e.query()).isEqualTo("grant_type=authorization_code&client_id=examhub-demo");
      assertThat(e.codeIsApiKey()).isTrue();
      assertThat(e.contentType()).isEqualTo("application/x-www-form-urlencoded");
      assertThat(e.bodyLength()).isZero();
      assertThat(e.status()).isEqualTo(200);
    });
  }

  @Test
  void theExchangedTokenIsTheBearerAndIsReusedAcrossCalls() throws Exception {
    InsperaClient api = client("demo", DEMO, InsperaSimulator.DEMO_CLIENT_ID, InsperaSimulator.API_KEY);

    api.test(InsperaDemoTests.EXAM_TEST);
    api.test(InsperaDemoTests.THESIS_TEST);
    client("demo", DEMO, InsperaSimulator.DEMO_CLIENT_ID, InsperaSimulator.API_KEY).testIdOf("DEMO-INF1000-2026H");

    // The simulator answers API calls only with a live token it issued; the raw key is refused there.
    assertThat(inspera.demoTenant().exchanges()).hasSize(1);
  }

  @Test
  void concurrentCommandsOfOneTenantShareOneExchange() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(() -> client("demo", DEMO, InsperaSimulator.DEMO_CLIENT_ID, InsperaSimulator.API_KEY)
            .testIdOf("DEMO-INF1000-2026H"));
      }
      for (Future<String> f : pool.invokeAll(calls)) {
        assertThat(f.get()).isEqualTo(InsperaDemoTests.EXAM_TEST);
      }
    } finally {
      pool.shutdownNow();
    }

    // Concurrent exchanges for one user would have met Inspera's 409.
    assertThat(inspera.demoTenant().exchanges()).singleElement().extracting(InsperaTenant.Exchange::status)
        .isEqualTo(200);
  }

  @Test
  void twoTenantsGetTheirOwnTokensAtTheirOwnDomains() throws Exception {
    InsperaTenant nokut = inspera.addTenant("nokut.inspera.no", "examhub-nokut").withApiKey("nokut-key");
    nokut.putTest(InsperaDemoTests.test("777", "NOKUT-1", "Nokut exam", "EXAM", List.of()));

    assertThat(client("nokut", "nokut.inspera.no", "examhub-nokut", "nokut-key").testIdOf("NOKUT-1")).isEqualTo("777");
    assertThat(client("demo", DEMO, InsperaSimulator.DEMO_CLIENT_ID, InsperaSimulator.API_KEY).testIdOf("DEMO-INF1000-2026H"))
        .isEqualTo(InsperaDemoTests.EXAM_TEST);
    assertThatThrownBy(() -> client("demo", DEMO, InsperaSimulator.DEMO_CLIENT_ID, InsperaSimulator.API_KEY)
        .testIdOf("NOKUT-1")).extracting(e -> ((PartnerFailure) e).code()).isEqualTo("TEST_NOT_FOUND");
    assertThat(nokut.exchanges()).hasSize(1);
    assertThat(inspera.demoTenant().exchanges()).hasSize(1);
  }

  @Test
  void aRevokedTokenIsExchangedOnceMoreAndTheCallRepeated() throws Exception {
    InsperaClient api = client("demo", DEMO, InsperaSimulator.DEMO_CLIENT_ID, InsperaSimulator.API_KEY);
    api.test(InsperaDemoTests.EXAM_TEST);
    inspera.demoTenant().revokeTokens();

    assertThat(api.test(InsperaDemoTests.EXAM_TEST).path("assessmentRunId").asText()).isEqualTo(InsperaDemoTests.EXAM_TEST);
    assertThat(inspera.demoTenant().exchanges()).hasSize(2);
  }

  @Test
  void aSecond401AfterAFreshExchangeFailsWithoutRetrying() {
    inspera.demoTenant().refuseTokens(true);

    PartnerFailure f = failure(() -> client("demo", DEMO, InsperaSimulator.DEMO_CLIENT_ID, InsperaSimulator.API_KEY)
        .test(InsperaDemoTests.EXAM_TEST));

    assertThat(f.code()).isEqualTo("INSPERA_UNAUTHORIZED");
    assertThat(f.retryable()).isFalse();
    assertThat(inspera.demoTenant().exchanges()).hasSize(2);
  }

  @Test
  void multipleTokensForUserIsItsOwnRetryableCode() {
    inspera.demoTenant().conflictNextExchanges(1);

    PartnerFailure f = failure(() -> client("demo", DEMO, InsperaSimulator.DEMO_CLIENT_ID, InsperaSimulator.API_KEY)
        .test(InsperaDemoTests.EXAM_TEST));

    assertThat(f.code()).isEqualTo("INSPERA_MULTIPLE_TOKENS");
    assertThat(f.retryable()).isTrue();
  }

  @Test
  void aWrongApiKeyIsInvalidGrantPermanentlyAndNeverInTheMessage() {
    PartnerFailure f = failure(() -> client("demo", DEMO, InsperaSimulator.DEMO_CLIENT_ID, "not-the-key-4711")
        .test(InsperaDemoTests.EXAM_TEST));

    assertThat(f.code()).isEqualTo("INSPERA_INVALID_GRANT");
    assertThat(f.retryable()).isFalse();
    assertThat(f.getMessage()).doesNotContain("not-the-key-4711").contains("invalid_grant");
  }

  @Test
  void searchSendsExternalTestIdAndFollowsPagesUntilTheExactExternalId() throws Exception {
    inspera.demoTenant().searchPageSize(1);
    inspera.putTest(InsperaDemoTests.test("901", "PAGED", "P", "EXAM", List.of()));
    inspera.putTest(InsperaDemoTests.test("902", "PAGED-2", "P2", "EXAM", List.of()));
    inspera.putTest(InsperaDemoTests.test("900", "PAGED-1", "P1", "EXAM", List.of()));
    inspera.script().reset();

    String found = client("demo", DEMO, InsperaSimulator.DEMO_CLIENT_ID, InsperaSimulator.API_KEY).testIdOf("PAGED");

    assertThat(found).isEqualTo("901");
    assertThat(inspera.script().calls()).extracting(c -> c.method() + " " + c.path())
        .containsExactly("GET /inspera/" + DEMO + "/api/v1/test/search", "GET /inspera/" + DEMO + "/api/v1/test/search");
  }

  @Test
  void aSearchExhaustedWithoutTheExactExternalIdIsTestNotFound() {
    inspera.demoTenant().searchPageSize(1);
    inspera.putTest(InsperaDemoTests.test("911", "GONE-1", "G1", "EXAM", List.of()));
    inspera.putTest(InsperaDemoTests.test("912", "GONE-2", "G2", "EXAM", List.of()));
    inspera.script().reset();

    PartnerFailure f = failure(() -> client("demo", DEMO, InsperaSimulator.DEMO_CLIENT_ID, InsperaSimulator.API_KEY)
        .testIdOf("GONE"));

    assertThat(f.code()).isEqualTo("TEST_NOT_FOUND");
    assertThat(inspera.script().calls()).hasSize(2);
  }

  private InsperaClient client(String institution, String domain, String clientId, String apiKey) {
    return new InsperaClient(http, tokens, new InsperaTokens.Tenant(institution,
        simulators + "/inspera/" + domain + "/api", clientId, apiKey), "contract-test");
  }

  private static Institution institution(String shortName, String domain) {
    return new Institution(shortName, "1", "1", ExamSystem.INSPERA, shortName, "test", true, true, true, "",
        WebhookSecrets.NONE, new PartnerSettings(new PartnerSettings.Inspera(domain, "client-" + shortName, null),
            null, null, null, null));
  }

  @FunctionalInterface
  private interface Failing {
    void run() throws PartnerFailure;
  }

  private static PartnerFailure failure(Failing call) {
    try {
      call.run();
    } catch (PartnerFailure f) {
      return f;
    }
    throw new AssertionError("expected a PartnerFailure");
  }
}
