package no.examhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import no.examhub.Examhub;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.event.Topics;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.metrics.MetricsRegistry;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.EmbeddedDefault;

/**
 * The console's answer times against the 200 ms: a whole embedded default (broker, store,
 * simulators, the demo institution), {@code deadLetters} command dead letters of the demo
 * institution written to the dead-letter topic as dispatch writes them, the demo appeal polled in
 * from FS; then an operator signed in as a browser would be, who opens each page (and calls
 * {@code GET /api/dead-letters}) one request at a time, {@link #WARM_UP} times unmeasured and
 * {@link #REQUESTS} times measured. Reported per page: p50, p99 and the slowest, from the client.
 */
final class ConsoleBench {
  static final int WARM_UP = 30;
  static final int REQUESTS = 200;
  static final Duration TARGET = Duration.ofMillis(200);
  private static final String VURD_ID = "DEMO-INF1000-2026H";

  private final int deadLetters;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();

  ConsoleBench(int deadLetters) {
    this.deadLetters = deadLetters;
  }

  List<String> run() throws Exception {
    Path dir = Files.createTempDirectory("examhub-bench-console");
    List<String> report = new ArrayList<>();
    EmbeddedDefault embedded = new EmbeddedDefault();
    try (Examhub hub = Examhub.start(ExamhubConfig.from(Bench.env(dir)), embedded)) {
      Bench.waitFor(hub::streamsRunning);
      String base = "http://127.0.0.1:" + hub.httpPort();
      DemoData.Credentials demo = embedded.demoCredentials().orElseThrow();
      writeDeadLetters(hub.bootstrapServers());
      Bench.waitFor(() -> total(base, demo.adminToken()) >= deadLetters);
      if (total(base, demo.adminToken()) < deadLetters) {
        throw new IllegalStateException("the dead-letter list did not show the " + deadLetters + " written");
      }
      Bench.waitFor(() -> status(base + "/api/cases/demo/" + VURD_ID + "/101", "Authorization", "Bearer " + demo.adminToken()) == 200);
      String cookie = signIn(base, demo.adminToken());
      String oneDeadLetter = firstDeadLetterId(base, demo.adminToken());
      Map<String, String[]> pages = new LinkedHashMap<>();
      pages.put("case search", new String[] {"/console/cases?institution=demo&vurdId=" + VURD_ID, "Cookie", cookie});
      pages.put("case page", new String[] {"/console/cases/demo/" + VURD_ID + "/101", "Cookie", cookie});
      pages.put("dead-letter list", new String[] {"/console/dead-letters", "Cookie", cookie});
      pages.put("dead-letter list, filtered", new String[] {"/console/dead-letters?partner=proview&errorCode=503", "Cookie", cookie});
      pages.put("dead-letter detail", new String[] {"/console/dead-letters/" + enc(oneDeadLetter), "Cookie", cookie});
      pages.put("institutions", new String[] {"/console/institutions", "Cookie", cookie});
      pages.put("health", new String[] {"/console/health", "Cookie", cookie});
      pages.put("GET /api/dead-letters?limit=1000", new String[] {"/api/dead-letters?limit=1000", "Authorization",
          "Bearer " + demo.adminToken()});
      for (Map.Entry<String, String[]> page : pages.entrySet()) {
        report.add(line(measure(page.getKey(), base + page.getValue()[0], page.getValue()[1], page.getValue()[2])));
      }
    } finally {
      TopologyBench.delete(dir);
    }
    return report;
  }

  /** {@code deadLetters} failed fetch-session commands of the demo institution, as dispatch writes them. */
  private void writeDeadLetters(String bootstrapServers) throws Exception {
    try (DurableProducer producer = new DurableProducer(bootstrapServers, "bench-console", 10_000,
        MetricsRegistry.create("bench"))) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < deadLetters; i++) {
        String session = UUID.randomUUID().toString();
        Command c = Json.read("{\"commandId\": \"bench-" + session + "\", \"institution\": \"demo\", \"partner\": \"PROVIEW\","
            + " \"operation\": \"fetch-session\", \"payload\": {\"sessionUuid\": \"" + session + "\", \"externalId\": \"5506693\"},"
            + " \"causationId\": \"bench\", \"createdAt\": \"" + Instant.now() + "\"}", Command.class);
        sent.add(producer.send(Topics.COMMAND_DEAD_LETTERS, "demo/" + session,
            new FailedCommand(c, 3, i % 2 == 0 ? "503" : "500", "the bench's failure", Instant.now())));
      }
      for (var f : sent) {
        f.get();
      }
    }
  }

  private String measure(String name, String url, String header, String value) throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
      expectOk(name, send(url, header, value));
    }
    long[] nanos = new long[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      long start = System.nanoTime();
      HttpResponse<String> r = send(url, header, value);
      nanos[i] = System.nanoTime() - start;
      expectOk(name, r);
    }
    Arrays.sort(nanos);
    double p50 = nanos[REQUESTS / 2] / 1e6;
    double p99 = nanos[(int) Math.ceil(REQUESTS * 0.99) - 1] / 1e6;
    double max = nanos[REQUESTS - 1] / 1e6;
    return String.format(Locale.ROOT, "console %s (%,d dead letters): p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d requests;"
        + " %s the %d ms target", name, deadLetters, p50, p99, max, REQUESTS,
        p99 <= TARGET.toMillis() ? "within" : "OVER", TARGET.toMillis());
  }

  /** A page that answers anything but 200, or says it is partial, is no measurement. */
  private static void expectOk(String name, HttpResponse<String> r) {
    if (r.statusCode() != 200 || r.body().contains("Still reading the dead-letter topic")
        || r.body().contains("\"completeness\":\"catching-up\"")) {
      throw new IllegalStateException(name + " answered " + r.statusCode() + ": "
          + r.body().substring(0, Math.min(300, r.body().length())));
    }
  }

  private String signIn(String base, String token) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/console/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(token))).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 303) {
      throw new IllegalStateException("cannot sign in to the console: " + r.statusCode());
    }
    return r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
  }

  private int total(String base, String token) {
    try {
      HttpResponse<String> r = send(base + "/api/dead-letters?institution=demo&limit=1", "Authorization", "Bearer " + token);
      return r.statusCode() == 200 ? Json.tree(r.body().getBytes(StandardCharsets.UTF_8)).path("total").asInt() : 0;
    } catch (Exception e) {
      return 0;
    }
  }

  private String firstDeadLetterId(String base, String token) throws Exception {
    JsonNode list = Json.tree(send(base + "/api/dead-letters?institution=demo&limit=1", "Authorization", "Bearer " + token)
        .body().getBytes(StandardCharsets.UTF_8));
    return list.path("deadLetters").get(0).path("id").asText();
  }

  private int status(String url, String header, String value) {
    try {
      return send(url, header, value).statusCode();
    } catch (Exception e) {
      return 0;
    }
  }

  private HttpResponse<String> send(String url, String header, String value) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header(header, value).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String line(String text) {
    String withLoad = text + ", " + Machine.load();
    System.out.println(withLoad);
    return withLoad;
  }
}
