package no.examhub.faults.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import no.examhub.platform.kafka.EmbeddedKafkaCluster;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.SimulatorServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart under load on a three-broker cluster: two Examhub instances of one
 * application (own instance ids and state directories, one standby replica of every store) share
 * the webhooks, as behind a load balancer that retries elsewhere. Each in turn is stopped
 * (SIGTERM), started again and waited for until ready, then the other. Every acknowledged webhook
 * is on its raw topic and every command is carried out exactly once; the stall of each restart is
 * measured and printed: the longest stretch without an acknowledgement, and without an exam event,
 * command or outcome arriving.
 */
@Tag("cluster")
class RollingRestartUnderLoadTest {
  private static final int WEBHOOKS = 16_000;
  private static final int CONNECTIONS = 8;
  private static final double PER_SECOND = 300;
  private static final Duration READY_WITHIN = Duration.ofSeconds(120);
  private static final Duration LOAD_WITHIN = Duration.ofMinutes(3);
  private static final Duration SETTLE_WITHIN = Duration.ofMinutes(2);

  /** One restart: the instance, and when it was stopped, had exited, served HTTP and was ready again. */
  private record Restart(String instance, long acknowledgedBefore, long stopNanos, long exitedNanos, long liveNanos,
      long readyNanos) {}

  private final List<LoadGenerator.Answer> answers = Collections.synchronizedList(new ArrayList<>());
  private final Timeline acknowledgements = new Timeline();

  @Test
  void twoInstancesRestartedInTurnUnderLoadLoseNothingAcknowledgedAndCarryOutNothingTwice(@TempDir Path work)
      throws Exception {
    long started = System.nanoTime();
    Path logs = Path.of("target", "faults-load", "rolling-restart-" + System.currentTimeMillis());
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(logs.resolve("kafka"), 3);
        EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.uri());
        SimulatorServer partners = SimulatorServer.start("127.0.0.1", 0)) {
      String bootstrap = cluster.bootstrapServers();
      DemoData.Credentials demo = DemoData.seed(client.getDatabase("examhub"));
      CrashLoad load = CrashLoad.of(WEBHOOKS, demo);
      load.registerTests(partners.inspera(), Instant.now().minus(Duration.ofDays(60)));
      try (ChildExamhub a = instance("a", cluster, mongo, partners, work, logs);
          ChildExamhub b = instance("b", cluster, mongo, partners, work, logs)) {
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> a.start().awaitReady(READY_WITHIN)),
            CompletableFuture.runAsync(() -> b.start().awaitReady(READY_WITHIN))).join();
        double upAfter = seconds(started);
        Arrivals progress = Arrivals.watch(bootstrap, BrokerLossUnderLoadTest.progressTopics());
        LoadGenerator generator = new LoadGenerator(List.of(a.baseUrl(), b.baseUrl()), load.webhooks(), CONNECTIONS,
            PER_SECOND, (w, answer) -> {
              answers.add(answer);
              if (answer.acknowledged()) {
                acknowledgements.add(answer.answeredNanos());
              }
            }).start();

        awaitAcknowledged(generator, WEBHOOKS / 5);
        Restart first = restart("a", a, generator);
        Restart second = restart("b", b, generator);
        generator.await(LOAD_WITHIN);
        long loadDone = System.nanoTime();
        boolean settled = Settling.awaitCommands(bootstrap, load, SETTLE_WITHIN);
        progress.close();

        CrashFindings found = CrashFindings.read(bootstrap, load, generator, partners);
        found.print(String.format("rolling restart under load (%d webhooks, %.0f/s offered over %d connections to "
            + "two instances, both ready after %.1f s, %.0f s in all, settled: %s)", WEBHOOKS, PER_SECOND, CONNECTIONS,
            upAfter, seconds(started), settled), List.of());
        print(first, second.stopNanos(), progress.timeline());
        print(second, loadDone, progress.timeline());

        assertThat(List.of(a.starts(), b.starts())).as("each instance started twice").containsOnly(2);
        found.assertNothingLostAndNothingDoneTwice(WEBHOOKS, List.of());
      }
    }
  }

  /** One instance of the application {@code examhub-rolling}: its own id, state and HTTP port; standby replicas 1. */
  private static ChildExamhub instance(String id, EmbeddedKafkaCluster cluster, EmbeddedMongo mongo,
      SimulatorServer partners, Path work, Path logs) throws IOException {
    Map<String, String> env = new HashMap<>(ChildEnv.of(cluster.bootstrapServers(), 3, mongo, partners,
        work.resolve("examhub-" + id), "examhub-rolling"));
    env.put("EXAMHUB_INSTANCE_ID", "rolling-" + id);
    env.put("EXAMHUB_STANDBY_REPLICAS", "1");
    return new ChildExamhub(env, logs.resolve(id), freePort());
  }

  /** SIGTERM, start again, wait until ready: the next instance is restarted only after. */
  private static Restart restart(String name, ChildExamhub instance, LoadGenerator generator) {
    long acknowledged = generator.acknowledgedCount();
    long stop = System.nanoTime();
    instance.close();
    long exited = System.nanoTime();
    instance.start();
    long live = System.nanoTime();
    instance.awaitReady(READY_WITHIN);
    return new Restart(name, acknowledged, stop, exited, live, System.nanoTime());
  }

  private void print(Restart r, long windowEnd, Timeline progress) {
    Map<String, Long> refusals = new TreeMap<>();
    List.copyOf(answers).stream().filter(a -> a.sentNanos() >= r.stopNanos() && a.sentNanos() < windowEnd)
        .filter(a -> !a.acknowledged())
        .forEach(a -> refusals.merge(a.status() < 0 ? a.body() : Integer.toString(a.status()), 1L, Long::sum));
    new Figures(String.format("restart of instance %s after %,d acknowledged: the %.0f s until %s", r.instance(),
        r.acknowledgedBefore(), (windowEnd - r.stopNanos()) / 1e9,
        r.instance().equals("a") ? "the next restart" : "the load was done"))
        .add("SIGTERM to exited", String.format("%.1f s", (r.exitedNanos() - r.stopNanos()) / 1e9))
        .add("started again to serving HTTP", String.format("%.1f s", (r.liveNanos() - r.exitedNanos()) / 1e9))
        .add("serving to ready (Streams running)", String.format("%.1f s", (r.readyNanos() - r.liveNanos()) / 1e9))
        .add("answers not acknowledged, by status or failure", refusals)
        .add("longest stretch without an acknowledgement",
            String.format("%.2f s", acknowledgements.longestGapSeconds(r.stopNanos(), windowEnd)))
        .add("longest stretch without an event, command or outcome",
            String.format("%.2f s", progress.longestGapSeconds(r.stopNanos(), windowEnd)))
        .print();
  }

  private static void awaitAcknowledged(LoadGenerator generator, long count) throws InterruptedException {
    long deadline = System.nanoTime() + LOAD_WITHIN.toNanos();
    while (generator.acknowledgedCount() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
