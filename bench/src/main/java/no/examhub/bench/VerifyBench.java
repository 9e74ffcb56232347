package no.examhub.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.examhub.Examhub;
import no.examhub.flow.proctoring.RosterStore;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.EmbeddedDefault;

/**
 * verify_respondent latency: a whole Examhub with a roster of realistic size loaded first (through
 * the roster topic, as the roster upload writes it), then the vendor's synchronous requests from
 * wrk at a fixed offered rate and at saturation. Each answer reads the roster store and waits for
 * the verification record's acknowledgement (acks=all), as in production.
 */
final class VerifyBench {
  private final Duration duration;
  private final int connections;
  private final int rate;
  private final int rosterSize;

  VerifyBench(Duration duration, int connections, int rate, int rosterSize) {
    this.duration = duration;
    this.connections = connections;
    this.rate = rate;
    this.rosterSize = rosterSize;
  }

  List<String> run() throws Exception {
    Path dir = Files.createTempDirectory("examhub-bench-verify");
    List<String> report = new ArrayList<>();
    ExamhubConfig config = ExamhubConfig.from(Bench.env(dir));
    EmbeddedDefault embedded = new EmbeddedDefault();
    try (Examhub hub = Examhub.start(config, embedded)) {
      Bench.waitFor(hub::streamsRunning);
      VerifyRoster roster = new VerifyRoster(rosterSize, no.examhub.partner.proctoring.AccessCodeKey.of(config));
      long loadStart = System.nanoTime();
      roster.load(hub.bootstrapServers());
      RosterStore store = RosterStore.of(hub.streams().unwrap());
      Bench.waitFor(() -> roster.visible(store));
      if (!roster.visible(store)) {
        throw new IllegalStateException("the roster store did not show the loaded roster within 2 minutes");
      }
      report.add(line(String.format("verify_respondent roster: %,d candidates on %,d exams written and visible in"
          + " roster-store in %.1f s", rosterSize, roster.exams(), (System.nanoTime() - loadStart) / 1e9)));
      DemoData.Credentials demo = embedded.demoCredentials().orElseThrow();
      String url = "http://127.0.0.1:" + hub.httpPort() + "/webhooks/proctoring/" + VerifyRoster.INSTITUTION;
      Map<String, String> headers = Map.of("x-client-id", demo.proctoringClientId(), "x-client-secret",
          demo.proctoringClientSecret());
      report.add(line(sanityCheck(url, headers, roster)));
      report.add(line(String.format("verify_respondent: Examhub JVM at rest (no requests, 5 s) %.2f cores",
          cpuShare(() -> Thread.sleep(5_000)))));
      Wrk wrk = new Wrk(dir);
      Path pool = wrk.pool("verify", roster.requests(Bench.POOL_SIZE));
      // Run alone, a 5 s warm-up left the JIT unfinished: p99 75-88 ms, against 14 ms after other phases.
      Duration warmUp = duration.compareTo(Duration.ofSeconds(15)) > 0 ? duration : Duration.ofSeconds(15);
      wrk.runWithHeaders("verify-warm-up", url, pool, connections, warmUp, 0, headers);
      measured(wrk, "verify_respondent at " + rate + "/s offered", url, pool, rate, headers, report);
      measured(wrk, "verify_respondent at saturation", url, pool, 0, headers, report);
    } finally {
      TopologyBench.delete(dir);
    }
    return report;
  }

  /** One request the roster admits and one it refuses, answered as documented, before anything is timed. */
  private static String sanityCheck(String url, Map<String, String> headers, VerifyRoster roster) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String admitted = post(client, url, headers, roster.body(0, true));
    String refused = post(client, url, headers, roster.body(1, false));
    if (!admitted.contains("\"metadata\"") || !refused.contains("\"errorMessage\"")) {
      throw new IllegalStateException("verify_respondent answers are not as expected: " + admitted + " / " + refused);
    }
    return "verify_respondent answers checked: a listed candidate gets metadata, a wrong access code errorMessage";
  }

  private static String post(HttpClient client, String url, Map<String, String> headers, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  interface Timed {
    void run() throws Exception;
  }

  /** This JVM's CPU over wall time while {@code work} runs, in cores. */
  private static double cpuShare(Timed work) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long start = System.nanoTime();
    work.run();
    return (os.getProcessCpuTime() - cpuBefore) / (double) (System.nanoTime() - start);
  }

  private void measured(Wrk wrk, String name, String url, Path pool, int ratePerSecond, Map<String, String> headers,
      List<String> report) throws Exception {
    Wrk.Result[] result = new Wrk.Result[1];
    double jvmShare = cpuShare(() -> result[0] = wrk.runWithHeaders(name.replaceAll("[^a-z0-9]+", "-"), url, pool,
        connections, duration, ratePerSecond, headers));
    Wrk.Result r = result[0];
    report.add(line(String.format("%s (roster %,d): %.0f req/s, non-2xx %d, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms,"
        + " wrk CPU %.2f cores, Examhub JVM CPU %.2f cores", name, rosterSize, r.requestsPerSecond(), r.non2xx(),
        r.p50ms(), r.p99ms(), r.p999ms(), r.cpuShare(), jvmShare)));
  }

  private static String line(String text) {
    String withLoad = text + ", " + Machine.load();
    System.out.println(withLoad);
    return withLoad;
  }
}
