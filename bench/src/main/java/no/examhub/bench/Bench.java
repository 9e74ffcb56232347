package no.examhub.bench;

import com.sun.management.OperatingSystemMXBean;
import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import no.examhub.Examhub;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.http.HttpServer;
import no.examhub.platform.metrics.MetricsRegistry;
import no.examhub.simulator.EmbeddedDefault;

/**
 * {@code examhub bench}: starts the embedded stack (its own broker, store and data directory on
 * free ports) and measures the ingress against its references in one run: a no-op POST and the
 * naive endpoint ({@link NaiveEndpoint}: produce, answer on the acknowledgement) on a second Javalin
 * built by the same {@link HttpServer#create} in the same JVM (same limits, same broker, same CPU
 * share with Streams; no bench-only route in the production server), and the broker's own producer
 * loop ({@link BrokerCeiling}); and an ingress-only instance ({@code EXAMHUB_ROLES=ingress}) of the
 * same deployment against the same references ({@link IngressTargets}).
 */
public final class Bench {
  static final int POOL_SIZE = 20_000;
  /**
   * wrk paces each connection with a fixed delay, and the answer's own time comes on top: with 16
   * connections 1,000/s offered came out as about 790/s. With 64 the delay (64 ms) dwarfs the answer
   * time and the achieved rate is within a few percent of the offered one.
   */
  private static final int E2E_CONNECTIONS = 64;
  private final Duration duration;
  private final int connections;
  private final int pacedRate;
  private final GcPauses gc = new GcPauses();

  public Bench(Duration duration, int connections, int pacedRate) {
    this.duration = duration;
    this.connections = connections;
    this.pacedRate = pacedRate;
  }

  public List<String> run() throws Exception {
    Path dir = Files.createTempDirectory("examhub-bench");
    List<String> report = new ArrayList<>();
    EmbeddedDefault embedded = new EmbeddedDefault();
    ExamhubConfig config = ExamhubConfig.from(env(dir));
    try (Examhub hub = Examhub.start(config, embedded)) {
      waitFor(hub::streamsRunning);
      String secret = embedded.demoCredentials().orElseThrow().insperaSecret();
      // Same partitions as the raw topic it stands in for.
      NaiveEndpoint naive = new NaiveEndpoint(hub.bootstrapServers(), config.topicPartitions());
      Javalin noop = HttpServer.create(1_048_576, MetricsRegistry.create("bench"), List.of(routes ->
          routes.post("/noop/{institution}", ctx -> ctx.status(200).result("{\"status\":\"accepted\"}")), naive));
      noop.start("127.0.0.1", 0);
      // Issue 15's thin ingress: a second instance of the same deployment (same broker, same store,
      // same application id) with EXAMHUB_ROLES=ingress, so no Streams and no state of its own.
      Examhub ingressOnly = Examhub.start(ExamhubConfig.from(ingressOnlyEnv(dir.resolve("ingress-only"),
          hub.bootstrapServers(), embedded.storeUri().orElseThrow())));
      try {
        Wrk wrk = new Wrk(dir);
        Path pool = wrk.pool("inspera", signedPool(secret, "bench-"));
        String ingress = "http://127.0.0.1:" + hub.httpPort() + "/webhooks/inspera/demo";
        String thin = "http://127.0.0.1:" + ingressOnly.httpPort() + "/webhooks/inspera/demo";
        String noopUrl = "http://127.0.0.1:" + noop.port() + "/noop/demo";
        String naiveUrl = "http://127.0.0.1:" + noop.port() + "/naive/demo";
        wrk.run("warm-up", ingress, pool, connections, Duration.ofSeconds(5), 0);
        wrk.run("warm-up-ingress-only", thin, pool, connections, Duration.ofSeconds(5), 0);
        wrk.run("warm-up-noop", noopUrl, pool, connections, Duration.ofSeconds(5), 0);
        wrk.run("warm-up-naive", naiveUrl, pool, connections, Duration.ofSeconds(5), 0);
        Thread.sleep(10_000); // let Streams work off the warm-up's records before the ceiling is measured
        Wrk.Result saturated = measured(wrk, "ingress at saturation", ingress, pool, 0, report);
        Wrk.Result alone = ingressAlone(hub, wrk, ingress, pool, report);
        measured(wrk, "ingress at " + pacedRate + "/s offered", ingress, pool, pacedRate, report);
        // After the full instance: measured first, on a loaded machine the references and the
        // ingress-only instance ran while the JIT was still compiling the code they share with it
        // (two runs on 2026-12-02 put the ingress-only instance at half the full one for that reason).
        References refs = referencesAndIngressOnly(hub, wrk, noopUrl, naiveUrl, thin, pool, report);
        report.add("end to end at 1000/s offered (webhook in -> exam event read, exactly_once_v2): "
            + endToEnd(hub, wrk, ingress, secret));
        System.out.println(report.get(report.size() - 1));
        double broker = BrokerCeiling.recordsPerSecond(hub.bootstrapServers(), duration);
        report.add(String.format("broker ceiling (producer loop, 400 B, acks=all, idempotent, linger 5 ms): %.0f records/s",
            broker));
        Wrk.Result ceiling = refs.noop();
        Wrk.Result naiveRate = refs.naive();
        report.add(String.format("ingress/http ceiling = %.2f, ingress/naive endpoint = %.2f, naive/http ceiling = %.2f,"
            + " ingress/broker ceiling = %.2f; with the topology paused: ingress/http ceiling = %.2f,"
            + " ingress/naive endpoint = %.2f",
            saturated.requestsPerSecond() / ceiling.requestsPerSecond(),
            saturated.requestsPerSecond() / naiveRate.requestsPerSecond(),
            naiveRate.requestsPerSecond() / ceiling.requestsPerSecond(), saturated.requestsPerSecond() / broker,
            alone.requestsPerSecond() / ceiling.requestsPerSecond(),
            alone.requestsPerSecond() / naiveRate.requestsPerSecond()));
        report.add("issue 15 targets: " + new IngressTargets(ceiling.requestsPerSecond(), naiveRate.requestsPerSecond(),
            refs.ingressOnly().requestsPerSecond(), saturated.requestsPerSecond(),
            refs.ingressOnlyAtHalf().requestsPerSecond(), refs.ingressOnlyAtHalf().p99ms(),
            refs.naiveAtHalf().p99ms(), refs.noopAtHalf().p99ms()).summary()
            + ", " + Machine.load());
        System.out.println(report.get(report.size() - 1));
      } finally {
        ingressOnly.close();
        noop.stop();
        naive.close();
      }
    } finally {
      TopologyBench.delete(dir); // a run writes about a gigabyte of broker and store data
    }
    return report;
  }

  /** The references and the ingress-only instance, measured one after the other under the same conditions. */
  private record References(Wrk.Result noop, Wrk.Result naive, Wrk.Result ingressOnly, Wrk.Result ingressOnlyAtHalf,
      Wrk.Result naiveAtHalf, Wrk.Result noopAtHalf) {}

  /**
   * The no-op route, the naive endpoint and the ingress-only instance (at saturation, then at half
   * its own saturation rate), with the full instance's Streams threads paused: in a deployment the
   * topology runs elsewhere, and here it would otherwise process every webhook the ingress-only
   * instance stores on the same 2 cores. The references are measured paused too, so all four share
   * the same conditions: the broker, wrk, and an idle full instance in the same JVM.
   */
  private References referencesAndIngressOnly(Examhub hub, Wrk wrk, String noopUrl, String naiveUrl, String thin,
      Path pool, List<String> report) throws Exception {
    hub.streams().unwrap().pause();
    try {
      Wrk.Result noop = measured(wrk, "http ceiling (no-op POST)", noopUrl, pool, 0, report);
      Wrk.Result naive = measured(wrk, "naive endpoint (produce acks=all, answer on the ack)", naiveUrl, pool, 0,
          report);
      Wrk.Result ingressOnly = measured(wrk, "ingress-only instance at saturation", thin, pool, 0, report);
      int half = IngressTargets.halfOf(ingressOnly.requestsPerSecond());
      Wrk.Result atHalf = measured(wrk, "ingress-only instance at " + half + "/s offered (half its saturation)", thin,
          pool, half, report);
      // The same offered rate on the references: what the machine's own tail is at that rate.
      Wrk.Result naiveAtHalf = measured(wrk, "naive endpoint at " + half + "/s offered", naiveUrl, pool, half, report);
      Wrk.Result noopAtHalf = measured(wrk, "http ceiling (no-op POST) at " + half + "/s offered", noopUrl, pool, half,
          report);
      return new References(noop, naive, ingressOnly, atHalf, naiveAtHalf, noopAtHalf);
    } finally {
      hub.streams().unwrap().resume();
      Thread.sleep(15_000); // the ingress-only instance's records, worked off before the full instance is measured
    }
  }

  /**
   * The ingress on its own: the same load with the Streams threads paused, so the 2 cores are
   * shared by the ingress and the broker only. What a burst costs the ingress while the topology
   * lags behind it (Kafka holds the backlog); the run above is the same burst with the topology
   * keeping up on the same cores. Resumed afterwards, and given time to work off the backlog.
   */
  private Wrk.Result ingressAlone(Examhub hub, Wrk wrk, String ingress, Path pool, List<String> report)
      throws Exception {
    hub.streams().unwrap().pause();
    try {
      return measured(wrk, "ingress at saturation, topology paused", ingress, pool, 0, report);
    } finally {
      hub.streams().unwrap().resume();
      Thread.sleep(15_000);
    }
  }

  private Wrk.Result measured(Wrk wrk, String name, String url, Path pool, int rate, List<String> report)
      throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long start = System.nanoTime();
    gc.takeSummary();
    Wrk.Result r = wrk.run(name.replaceAll("[^a-z0-9]+", "-"), url, pool, connections, duration, rate);
    double jvmShare = (os.getProcessCpuTime() - cpuBefore) / (double) (System.nanoTime() - start);
    report.add(String.format("%s: %.0f req/s, non-2xx %d, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms,"
        + " wrk CPU %.2f cores, Examhub JVM CPU %.2f cores, %s, load average %.1f", r.name(), r.requestsPerSecond(),
        r.non2xx(), r.p50ms(), r.p99ms(), r.p999ms(), r.cpuShare(), jvmShare, gc.takeSummary(),
        os.getSystemLoadAverage()));
    System.out.println(report.get(report.size() - 1));
    return r;
  }

  /** Fresh ids (never sent before, so not dropped as duplicates), 1,000/s for the run's duration. */
  private String endToEnd(Examhub hub, Wrk wrk, String ingress, String secret) throws Exception {
    Path pool = wrk.pool("e2e", signedPool(secret, "e2e-"));
    try (EndToEnd e2e = new EndToEnd(hub.bootstrapServers(), "e2e-")) {
      Wrk.Result sent = wrk.run("e2e", ingress, pool, E2E_CONNECTIONS, duration, 1_000);
      int expected = (int) Math.min(POOL_SIZE, sent.requestsPerSecond() * duration.toSeconds());
      return String.format("%.0f webhooks/s sent; ", sent.requestsPerSecond())
          + e2e.summary(expected, Duration.ofSeconds(60));
    }
  }

  /** Distinct bodies, each signed with the demo secret, as one {@code signature body} line each. */
  static List<String> signedPool(String secret, String prefix) {
    List<String> lines = new ArrayList<>(POOL_SIZE);
    // Recent: Inspera bodies older than the dedup window (minus a margin) are refused.
    java.time.Instant sent = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    for (int i = 0; i < POOL_SIZE; i++) {
      String body = "{\"contextObjectId\":\"" + prefix + i + "\",\"contextObjectType\":\"assessmentRun\","
          + "\"event\":\"resource_created\",\"timestamp\":\"" + sent + "\"}";
      lines.add(InsperaSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8)) + " " + body);
    }
    return lines;
  }

  static Map<String, String> env(Path dir) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("EXAMHUB_DATA_DIR", dir.toString());
    env.put("EXAMHUB_HTTP_PORT", "0");
    env.put("EXAMHUB_SIMULATORS", "true");
    env.put("EXAMHUB_SIMULATOR_PORT", "0");
    env.put("EXAMHUB_EMBEDDED_KAFKA_PORT", Integer.toString(freePort()));
    env.put("EXAMHUB_EMBEDDED_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()));
    env.put("EXAMHUB_APPLICATION_ID", "examhub-bench");
    // The token bucket is a per-source guard, not what is measured here.
    env.put("EXAMHUB_RATE_LIMIT_PER_SECOND", "1000000");
    return env;
  }

  /** The ingress-only instance: the embedded stack's broker and store, no simulators, no Streams. */
  static Map<String, String> ingressOnlyEnv(Path dir, String bootstrapServers, String storeUri) {
    Map<String, String> env = new HashMap<>();
    env.put("EXAMHUB_ROLES", "ingress");
    env.put("EXAMHUB_INSTANCE_ID", "bench-ingress-1");
    env.put("EXAMHUB_DATA_DIR", dir.toString());
    env.put("EXAMHUB_HTTP_PORT", "0");
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("MONGODB_URI", storeUri);
    env.put("EXAMHUB_SIMULATORS", "false");
    env.put("EXAMHUB_APPLICATION_ID", "examhub-bench");
    env.put("EXAMHUB_RATE_LIMIT_PER_SECOND", "1000000");
    // Required without simulators; an Inspera webhook never uses it. Fresh per run, never stored.
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    env.put("EXAMHUB_ACCESS_CODE_KEY", java.util.HexFormat.of().formatHex(key));
    return env;
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void waitFor(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!condition.get() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }
}
