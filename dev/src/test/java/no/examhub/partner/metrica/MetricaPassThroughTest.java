package no.examhub.partner.metrica;

import static no.examhub.partner.metrica.BearerRequests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.examhub.access.ApiClient;
import no.examhub.access.ApiClientDirectory;
import no.examhub.access.ApiClientRepository;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.http.ErrorContract;
import no.examhub.platform.http.HttpServer;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.metrica.MetricaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Test players and DFE reach Metrica's back end through Examhub; its failures become 503/504/404. */
class MetricaPassThroughTest {
  private static final String TOKEN = "consumer-token";
  private static final String READER = "reader-token";
  private static final String WRITER = "writer-token";
  private static final String QUEUE = "queue-token";
  private static final Duration READ_TIMEOUT = Duration.ofMillis(500);
  private static EmbeddedMongo mongo;
  private static MongoClient mongoClient;
  private static ApiClientDirectory clients;
  private static MetricaSimulator metrica;
  private static Javalin backend;
  private static volatile String backendUrl;
  private static Javalin examhub;
  private static MetricaClient client;
  private static volatile Optional<String> examhubCredential = Optional.of(MetricaSimulator.TOKEN);
  private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

  @BeforeAll
  static void start() {
    mongo = EmbeddedMongo.inMemory();
    mongoClient = MongoClients.create(mongo.uri());
    ApiClientRepository repository = new ApiClientRepository(mongoClient.getDatabase("metrica-test"));
    // metrica:consume, from before the split: it keeps queue, reads and writes.
    repository.save(new ApiClient("player", Hmac.sha256Hex(TOKEN), Set.of(Scopes.METRICA_CONSUME), null, "test"));
    repository.save(new ApiClient("reader", Hmac.sha256Hex(READER), Set.of(Scopes.METRICA_READ), null, "test"));
    repository.save(new ApiClient("writer", Hmac.sha256Hex(WRITER), Set.of(Scopes.METRICA_WRITE), null, "test"));
    repository.save(new ApiClient("dfe", Hmac.sha256Hex(QUEUE), Set.of(Scopes.METRICA_QUEUE), null, "test"));
    repository.save(new ApiClient("metrica", Hmac.sha256Hex("publisher"), Set.of(Scopes.METRICA_PUBLISH), null, "t"));
    clients = new ApiClientDirectory(repository, Duration.ofHours(1));
    clients.refresh();
    metrica = new MetricaSimulator();
    backend = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      ErrorContract.register(cfg.routes);
      metrica.register(cfg.routes);
    }).start("127.0.0.1", 0);
    backendUrl = "http://127.0.0.1:" + backend.port() + "/metrica";
    client = new MetricaClient(() -> backendUrl, () -> examhubCredential, Duration.ofSeconds(1), READ_TIMEOUT, 2);
    examhub = HttpServer.create(100_000, new SimpleMeterRegistry(),
        List.of(new MetricaPassThroughRoutes(new BearerAuth(clients, Clock.systemUTC()), client, REGISTRY)));
    examhub.start("127.0.0.1", 0);
  }

  @AfterEach
  void reset() {
    backendUrl = "http://127.0.0.1:" + backend.port() + "/metrica";
    metrica.delay(Duration.ZERO);
    metrica.failNext(0, 500);
    examhubCredential = Optional.of(MetricaSimulator.TOKEN);
  }

  @AfterAll
  static void stop() {
    examhub.stop();
    backend.stop();
    clients.close();
    mongoClient.close();
    mongo.close();
  }

  @Test
  void publishedTestsPassQueryParametersThrough() {
    HttpResponse<String> response = get("/metrica/v1/publishedtests?product=linguaskill&from=2024-04-01&to=2024-12-31");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
    assertThat(response.body()).contains("T-1002").doesNotContain("T-1001", "T-2001");
  }

  @Test
  void parametersMetricaRejectsAre70416() {
    assertError(get("/metrica/v1/publishedtests?from=yesterday"), 400, "70416");
  }

  @Test
  void publishedTestById() {
    assertThat(get("/metrica/v2/publishedtests/T-2001").body()).contains("JetPack Maths Check");
  }

  @Test
  void savedResponseIsReturnedForItsTest() {
    HttpResponse<String> saved = send("POST", "/metrica/v1/test-player/saveResponse",
        "{\"testId\":\"T-1001\",\"interactionId\":\"Q7\",\"response\":\"B\"}", TOKEN);

    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(get("/metrica/v1/test-player/testresponse/T-1001").body()).contains("\"interactionId\":\"Q7\"");
  }

  @Test
  void resultsAsJsonAndAsQtiXml() {
    assertThat(get("/metrica/v1/results/TI-5001").body()).contains("\"grade\":\"B2\"");
    HttpResponse<String> qti = get("/metrica/v1/results/TI-5001/qti");

    assertThat(qti.statusCode()).isEqualTo(200);
    assertThat(qti.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("xml"));
    assertThat(qti.body()).contains("<assessmentResult", "TI-5001");
  }

  @Test
  void unknownObjectAtMetricaIs70404() {
    assertError(get("/metrica/v1/results/TI-0000"), 404, "70404");
    assertError(get("/metrica/v1/results/TI-0000/qti"), 404, "70404");
  }

  @Test
  void backendErrorIs70503() {
    metrica.failNext(3, 500);

    assertError(get("/metrica/v1/publishedtests/T-1001"), 503, "70503");
  }

  @Test
  void slowBackendIs70504() {
    metrica.delay(READ_TIMEOUT.multipliedBy(3));

    assertError(get("/metrica/v1/publishedtests/T-1001"), 504, "70504");
  }

  @Test
  void unreachableBackendIs70503() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      backendUrl = "http://127.0.0.1:" + free.getLocalPort() + "/metrica";
    }

    long before = client.attempts();

    HttpResponse<String> response = get("/metrica/v1/results/TI-5001");

    assertError(response, 503, "70503");
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(client.attempts() - before).isEqualTo(3);
  }

  @Test
  void everyPassThroughNeedsTheConsumeScope() {
    int before = metrica.requests();

    assertError(send("GET", "/metrica/v1/results/TI-5001", null, null), 401, "70402");
    assertError(send("GET", "/metrica/v1/results/TI-5001", null, "wrong"), 401, "70401");
    assertError(send("GET", "/metrica/v1/results/TI-5001", null, "publisher"), 403, "70403");
    assertThat(metrica.requests()).isEqualTo(before);
  }

  @Test
  void readsNeedTheReadScopeAndSaveResponseTheWriteScope() {
    String save = "{\"testId\":\"T-1001\",\"interactionId\":\"Q1\",\"response\":\"A\"}";

    assertThat(send("GET", "/metrica/v1/results/TI-5001", null, READER).statusCode()).isEqualTo(200);
    assertError(send("POST", "/metrica/v1/test-player/saveResponse", save, READER), 403, "70403");
    assertThat(send("POST", "/metrica/v1/test-player/saveResponse", save, WRITER).statusCode()).isEqualTo(200);
    assertError(send("GET", "/metrica/v1/results/TI-5001", null, WRITER), 403, "70403");
    assertError(send("GET", "/metrica/v1/results/TI-5001/qti", null, QUEUE), 403, "70403");
    assertError(send("POST", "/metrica/v1/test-player/saveResponse", save, QUEUE), 403, "70403");
  }

  @Test
  void pathsAndQueriesThatAreNotPlainParametersAreRefusedBeforeMetricaIsCalled() {
    int before = metrica.requests();

    for (String path : List.of("/metrica/v1/results/..%2F..%2Fadmin", "/metrica/v1/results/%2e%2e/qti",
        "/metrica/v1/publishedtests/a%2Fb", "/metrica/v1/publishedtests/T-1001%3Fx=1",
        "/metrica/v1/results/TI-5001%00", "/metrica/x1/publishedtests", "/metrica/v1/results/TI-5001?debug=1",
        "/metrica/v1/publishedtests?product=a%26b%3Dc", "/metrica/v1/publishedtests?product=a&product=b")) {
      HttpResponse<String> answer = get(path);
      assertThat(answer.statusCode()).as(path).isEqualTo(400);
      assertThat(answer.body()).as(path).containsPattern("\"errorCode\":\"704(16|17)\"");
    }
    assertError(get("/metrica/v1/results/..%2F..%2Fadmin"), 400, "70417");
    assertThat(metrica.requests()).isEqualTo(before);
  }

  @Test
  void metricaIsCalledWithExamhubsOwnCredentialNotTheCallers() {
    // The simulator, like Metrica, accepts only Examhub's own account: the caller's token would be a 401.
    assertThat(get("/metrica/v1/results/TI-5001").statusCode()).isEqualTo(200);
  }

  @Test
  void metricaRefusingExamhubsCredentialIs70502NotTheCallers401() {
    examhubCredential = Optional.of("an-expired-examhub-token");

    HttpResponse<String> refused = get("/metrica/v1/results/TI-5001");

    assertError(refused, 502, "70502");
    assertThat(refused.body()).contains("Examhub's own credential");
    assertThat(REGISTRY.counter("examhub.metrica.backend.refused", "status", "401").count()).isPositive();
  }

  @Test
  void metricaForbiddingExamhubsAccountIs70502() {
    metrica.failNext(1, 403);

    assertError(get("/metrica/v1/results/TI-5001"), 502, "70502");
  }

  @Test
  void noStoredExamhubCredentialIs70502WithoutACall() {
    examhubCredential = Optional.empty();
    int before = metrica.requests();

    assertError(get("/metrica/v1/results/TI-5001"), 502, "70502");
    assertThat(metrica.requests()).isEqualTo(before);
  }

  private static HttpResponse<String> get(String path) {
    return send("GET", path, null, TOKEN);
  }

  private static HttpResponse<String> send(String method, String path, String body, String token) {
    return BearerRequests.send("http://127.0.0.1:" + examhub.port() + path, method, body, token);
  }
}
