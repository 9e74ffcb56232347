package no.examhub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import no.examhub.faults.HostileRequests.Probe;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input is answered, never crashes: 10,000 generated malformed or hostile requests across
 * the public endpoints each get a 4xx with an error code (valid signed webhooks mixed in keep
 * getting 200), and no request gets a 5xx. On a second hub with the default body limit, 5
 * requests a second per institution and a 2 s body timeout: near-limit bodies of 0.62-1 MiB
 * (accepted under the limit, 413 over it), slow bodies (408) and a flood of one institution
 * beside another (429 for the flooded one only).
 */
class HostileInputTest {
  static final int MAX_BODY = 65_536;
  private static final int REQUESTS = 10_000;
  private static final int WIRE_REQUESTS = 250;
  private static final String SECRET = "hostile-flood-secret";
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_MAX_BODY_BYTES", Integer.toString(MAX_BODY),
      "EXAMHUB_RATE_LIMIT_PER_SECOND", "1000000"));
  @RegisterExtension
  static final TestHub defaults = TestHub.perClass(Map.of("EXAMHUB_RATE_LIMIT_PER_SECOND", "5",
      "EXAMHUB_HTTP_BODY_TIMEOUT", "PT2S", "EXAMHUB_CONFIG_REFRESH", "PT0.2S",
      "EXAMHUB_FS_URL", "http://127.0.0.1:9/fs", "EXAMHUB_FS_POLL_INTERVAL", "PT1H"));

  @BeforeAll
  static void start() throws Exception {
    try (var client = com.mongodb.client.MongoClients.create(defaults.mongoUri())) {
      var repository = new no.examhub.institution.InstitutionRepository(client.getDatabase("examhub"));
      for (String name : List.of("flood-a", "flood-b")) {
        repository.save(new no.examhub.institution.Institution(name, "6666", "6666",
            no.examhub.event.ExamSystem.INSPERA, name, "test", true, true, true, "",
            new no.examhub.institution.WebhookSecrets(List.of(SECRET), null, null, null, Map.of()), null));
      }
    }
    hub.awaitStreamsRunning();
    defaults.awaitStreamsRunning();
  }

  @Test
  void nearLimitBodiesAreAcceptedUnderTheLimitAndAnswered413OverItNeverA5xx() {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int size : HostileRequests.NEAR_LIMIT_UNDER) {
      WireClient.Answer a = signed(client, defaults, "demo", defaults.insperaSecret(),
          HostileRequests.paddedWebhook("near-" + size + "-" + System.nanoTime(), size));
      assertThat(a.status()).as("%d bytes", size).isEqualTo(200);
    }
    for (int size : HostileRequests.NEAR_LIMIT_OVER) {
      // The server reads an over-limit body to its end before answering, so the 413 is never lost
      // to a connection reset (it was, in CI, while the server answered at once and closed).
      WireClient.Answer a = signed(client, defaults, "demo", defaults.insperaSecret(),
          HostileRequests.paddedWebhook("over-" + size, size));
      assertThat(a.status()).as("%d bytes: %s", size, a.body()).isEqualTo(413);
      assertThat(a.body()).contains("\"errorCode\":\"70413\"");
    }
  }

  @Test
  void slowBodiesAreAnswered408NeverA5xx() throws Exception {
    String head = "POST /webhooks/inspera/demo HTTP/1.1\r\nHost: examhub\r\nContent-Type: application/json\r\n"
        + "Connection: close\r\nContent-Length: 500\r\n\r\n{";
    try (java.net.Socket stalled = new java.net.Socket("127.0.0.1", defaults.hub().httpPort());
        java.net.Socket trickling = new java.net.Socket("127.0.0.1", defaults.hub().httpPort())) {
      stalled.setSoTimeout(10_000);
      stalled.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      trickling.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      for (int i = 0; i < 15; i++) {
        Thread.sleep(100);
        try {
          trickling.getOutputStream().write('1');
        } catch (java.io.IOException answeredAndClosed) {
          break;
        }
      }
      trickling.setSoTimeout(10_000);
      for (java.net.Socket s : List.of(stalled, trickling)) {
        String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(answer).startsWith("HTTP/1.1 408").contains("\"errorCode\":\"70408\"");
      }
    }
  }

  @Test
  void aFloodOfOneInstitutionGets429sWhileTheOtherInstitutionKeepsIts2xx() {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<WireClient.Answer> flooded = new ArrayList<>();
    List<WireClient.Answer> other = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      flooded.add(signed(client, defaults, "flood-a", SECRET, HostileRequests.paddedWebhook("flood-a-" + i, 200)));
      if (i % 10 == 5) {
        other.add(signed(client, defaults, "flood-b", SECRET, HostileRequests.paddedWebhook("flood-b-" + i, 200)));
      }
    }

    assertThat(flooded).extracting(WireClient.Answer::status).containsOnly(200, 429).contains(429);
    assertThat(flooded).filteredOn(a -> a.status() == 429)
        .allSatisfy(a -> assertThat(a.body()).contains("\"errorCode\":\"70429\""));
    assertThat(other).extracting(WireClient.Answer::status).containsOnly(200);
  }

  private static WireClient.Answer signed(HttpClient client, TestHub target, String institution, String secret,
      byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/webhooks/inspera/" + institution))
        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
        .header(no.examhub.partner.inspera.InsperaSignature.HEADER,
            no.examhub.partner.inspera.InsperaSignature.sign(secret, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return answer(client, request);
  }

  @Test
  void tenThousandHostileRequestsAreAnswered4xxWithAnErrorCodeWhileValidTrafficIsAccepted() throws Exception {
    HostileRequests generator = new HostileRequests(hub.demo(), MAX_BODY, 67);
    List<Probe> probes = new ArrayList<>();
    for (int n = 0; n < REQUESTS; n++) {
      probes.add(generator.next(n));
    }
    Tally tally = new Tally();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      AtomicInteger next = new AtomicInteger();
      for (int t = 0; t < 8; t++) {
        done.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < probes.size(); i = next.getAndIncrement()) {
            tally.record(probes.get(i), send(client, probes.get(i)));
          }
          return null;
        }));
      }
      for (byte[] wire : HostileRequests.malformedWire(WIRE_REQUESTS, 67)) {
        WireClient.Answer a = WireClient.send(hub.hub().httpPort(), wire);
        tally.record(new Probe("wire", "RAW", "-", Map.of(), wire, false), a.status(), a.body());
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    tally.print();
    assertThat(tally.total()).isEqualTo(REQUESTS + WIRE_REQUESTS);
    assertThat(tally.serverErrors).as("requests answered 5xx (or not at all)").isEmpty();
    assertThat(tally.withoutErrorCode).as("4xx answers without an errorCode in the body").isEmpty();
    assertThat(tally.validRejected).as("valid signed webhooks not accepted during the run").isEmpty();
    assertThat(tally.validAccepted.sum()).isEqualTo(REQUESTS / 10);
  }

  /**
   * Attempts on another institution's data: an operator scoped to one institution tries every
   * operator route on {@code demo}'s case, configuration, accounts, roster, Inspera tenant and dead
   * letters. Each item is answered 404 as if it did not exist, each list holds nothing of demo's,
   * no replay happens and demo's configuration is unchanged.
   */
  @Test
  void attemptsOnAnotherInstitutionsDataAreAnsweredAsIfItDidNotExist() {
    String token = java.util.UUID.randomUUID().toString();
    try (var mongo = com.mongodb.client.MongoClients.create(hub.mongoUri())) {
      new no.examhub.access.ApiClientRepository(mongo.getDatabase("examhub")).save(new no.examhub.access.ApiClient(
          "operator-elsewhere", no.examhub.platform.crypto.Hmac.sha256Hex(token), java.util.Set.of(no.examhub.access.Scopes.ADMIN),
          null, "hostile", java.util.Set.of("elsewhere")));
    }
    no.examhub.testing.Operator platform = no.examhub.testing.Operator.of(hub);
    no.examhub.event.FsAppeal demoCase = no.examhub.testing.FsAppeals.active("demo", "HOSTILE-1", "424242");
    no.examhub.testing.FsAppeals.produce(hub.hub().bootstrapServers(), List.of(demoCase));
    no.examhub.testing.Eventually.holds(Duration.ofSeconds(30), () ->
        platform.get("/api/cases/" + demoCase.caseKey()).statusCode() == 200);
    String demoBefore = platform.get("/api/institutions/demo").body();
    no.examhub.testing.Operator elsewhere = new no.examhub.testing.Operator(hub.baseUrl(), token);
    no.examhub.testing.Eventually.holds(Duration.ofSeconds(30), () ->
        elsewhere.get("/api/institutions").statusCode() == 200);

    List<Probe> probes = new ArrayList<>(OtherInstitutionProbes.against("demo", token, 320, 12));
    probes.add(new Probe("item", "GET", "/api/cases/" + demoCase.caseKey(), Map.of("Authorization", "Bearer " + token),
        new byte[0], false));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<String> leaks = new ArrayList<>();
    for (Probe p : probes) {
      WireClient.Answer a = send(client, p);
      String seen = p.method() + " " + p.path() + " -> " + a.status() + " " + a.body().substring(0, Math.min(160, a.body().length()));
      boolean answeredAsMissing = a.status() == 404 && a.body().contains("\"errorCode\":\"70404\"");
      boolean listWithoutDemo = a.status() == 200 && !a.body().contains("\"demo\"")
          && !a.body().matches("(?s).*\"replayed\":[1-9].*");
      if (p.kind().equals("item") ? !answeredAsMissing : !listWithoutDemo) {
        leaks.add(seen);
      }
    }
    assertThat(leaks).as("answers that show or change demo's data").isEmpty();
    assertThat(platform.get("/api/institutions/demo").body()).as("demo's configuration").isEqualTo(demoBefore);
    assertThat(platform.get("/api/institutions/demo/credentials").body()).doesNotContain("mine");
  }

  private static WireClient.Answer send(HttpClient client, Probe p) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.baseUrl() + p.path()))
        .timeout(Duration.ofSeconds(20)).method(p.method(), HttpRequest.BodyPublishers.ofByteArray(p.body()));
    p.headers().forEach(b::header);
    return answer(client, b.build());
  }

  /** The status and body, or -1 with the error where the connection failed: never an exception. */
  private static WireClient.Answer answer(HttpClient client, HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new WireClient.Answer(r.statusCode(), r.body());
    } catch (java.io.IOException e) {
      return new WireClient.Answer(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new WireClient.Answer(-1, e.toString());
    }
  }

  /** Counts answers by status and keeps an example of each kind of failure. */
  static final class Tally {
    final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
    final List<String> withoutErrorCode = Collections.synchronizedList(new ArrayList<>());
    final List<String> validRejected = Collections.synchronizedList(new ArrayList<>());
    final LongAdder validAccepted = new LongAdder();

    void record(Probe p, WireClient.Answer a) {
      record(p, a.status(), a.body());
    }

    void record(Probe p, int status, String body) {
      byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
      String example = p.kind() + " " + p.method() + " " + p.path() + " -> " + status + " "
          + body.substring(0, Math.min(body.length(), 160));
      if (p.valid()) {
        if (status == 200) {
          validAccepted.increment();
        } else {
          validRejected.add(example);
        }
      } else if (status >= 500 || status < 200) {
        serverErrors.add(example);
      } else if (status >= 400 && !body.contains("\"errorCode\"")) {
        withoutErrorCode.add(example);
      }
    }

    long total() {
      return byStatus.values().stream().mapToLong(LongAdder::sum).sum();
    }

    void print() {
      Map<Integer, Long> sorted = new TreeMap<>();
      byStatus.forEach((s, n) -> sorted.put(s, n.sum()));
      long fiveXx = sorted.entrySet().stream().filter(e -> e.getKey() >= 500 || e.getKey() < 0)
          .mapToLong(Map.Entry::getValue).sum();
      System.out.printf("hostile input: %d requests, by status %s, 5xx or no answer %d, valid accepted %d%n",
          total(), sorted, fiveXx, validAccepted.sum());
      serverErrors.stream().limit(10).forEach(e -> System.out.println("  5xx: " + e));
      withoutErrorCode.stream().limit(10).forEach(e -> System.out.println("  no errorCode: " + e));
      validRejected.stream().limit(10).forEach(e -> System.out.println("  valid rejected: " + e));
    }
  }
}
