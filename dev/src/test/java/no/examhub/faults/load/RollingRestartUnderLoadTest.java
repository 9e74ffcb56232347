package no.examhub.faults.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import no.examhub.platform.kafka.EmbeddedKafkaCluster;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.SimulatorServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart under load on a three-broker cluster: two Examhub instances of one
 * application (own instance ids and state directories, one standby replica of every store) share
 * the webhooks, as behind a load balancer that retries elsewhere. Each in turn is stopped
 * (SIGTERM), started again and waited for until ready, then the other. Every acknowledged webhook
 * is on its raw topic and every command is carried out exactly once; the stall of each restart is
 * measured and printed: the longest stretch without an acknowledgement, and without an exam event,
 * command or outcome arriving. Parts of the load are held back so that each instance's stop and
 * its return into the group both meet webhooks under way, however slowly it starts on a loaded
 * machine.
 */
@Tag("cluster")
@ExtendWith(SharedCluster.class)
class RollingRestartUnderLoadTest {
  private static final int WEBHOOKS = 9_000;
  private static final int CONNECTIONS = 8;
  private static final double PER_SECOND = 300;
  /** Held while the first instance starts again; let go once it serves HTTP, before it rejoins. */
  private static final int HELD_WHILE_A_STARTS = WEBHOOKS * 45 / 100;
  /** Held while the first instance rejoins, for the second restart. */
  private static final int HELD_FOR_B = WEBHOOKS * 80 / 100;
  /** About a second of load let go before the second stop, so that it lands with requests under way. */
  private static final int FLOWING_BEFORE_STOP = 300;
  private static final Duration READY_WITHIN = Duration.ofSeconds(180);
  private static final Duration LOAD_WITHIN = Duration.ofMinutes(3);
  private static final Duration SETTLE_WITHIN = Duration.ofMinutes(2);

  /** One restart: the instance, and when it was stopped, had exited, served HTTP and was ready again. */
  private record Restart(String instance, long acknowledgedBefore, long stopNanos, long exitedNanos, long liveNanos,
      long readyNanos) {}

  private final AnswerLog answers = new AnswerLog();

  @Test
  void twoInstancesRestartedInTurnUnderLoadLoseNothingAcknowledgedAndCarryOutNothingTwice(
      EmbeddedKafkaCluster cluster, @TempDir Path work) throws Exception {
    long started = System.nanoTime();
    Path logs = Path.of("target", "faults-load", "rolling-restart-" + System.currentTimeMillis());
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
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
        double upAfter = AnswerLog.seconds(started);
        Arrivals progress = Arrivals.watch(bootstrap, BrokerLossUnderLoadTest.progressTopics());
        LoadGenerator generator = new LoadGenerator(List.of(a.baseUrl(), b.baseUrl()), load.webhooks(), CONNECTIONS,
            PER_SECOND, answers).start();

        generator.holdFrom(HELD_WHILE_A_STARTS);
        AnswerLog.awaitAcknowledged(generator, WEBHOOKS / 5, LOAD_WITHIN);
        Duration[] held = new Duration[2];
        Restart first = restart("a", a, generator, () -> {
          held[0] = generator.release();
          generator.holdFrom(HELD_FOR_B);
        });
        AnswerLog.awaitAcknowledged(generator, HELD_FOR_B * 95L / 100, LOAD_WITHIN);
        held[1] = generator.release();
        AnswerLog.awaitAcknowledged(generator, HELD_FOR_B + FLOWING_BEFORE_STOP, LOAD_WITHIN);
        Restart second = restart("b", b, generator, () -> {});
        generator.await(LOAD_WITHIN);
        long loadDone = System.nanoTime();
        boolean settled = Settling.awaitCommands(bootstrap, load, SETTLE_WITHIN);
        progress.close();

        CrashFindings found = CrashFindings.read(bootstrap, load, generator, partners);
        found.print(String.format("rolling restart under load (%d webhooks, %.0f/s offered over %d connections to "
            + "two instances, both ready after %.1f s, load held %.1f s while a started and %.1f s for b's restart, "
            + "%.0f s in all, settled: %s)", WEBHOOKS, PER_SECOND, CONNECTIONS, upAfter, held[0].toMillis() / 1e3,
            held[1].toMillis() / 1e3, AnswerLog.seconds(started), settled), List.of());
        print(first, second.stopNanos(), progress.timeline());
        print(second, loadDone, progress.timeline());

        assertThat(List.of(a.starts(), b.starts())).as("each instance started twice").containsOnly(2);
        assertThat(answers.sentBetween(first.liveNanos(), first.readyNanos()))
            .as("webhooks sent while the first instance rejoined").isNotEmpty();
        assertThat(answers.sentBetween(second.stopNanos(), second.exitedNanos()))
            .as("webhooks sent while the second instance shut down").isNotEmpty();
        // A stopping instance drains: what it still answers is 2xx or 503 with a code (CleanShutdownTest).
        assertThat(answers.sentBetween(started, loadDone)).as("answers of 500 or more other than 503")
            .noneMatch(answer -> answer.status() >= 500 && answer.status() != 503);
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
    return new ChildExamhub(env, logs.resolve(id), AnswerLog.freePort());
  }

  /** SIGTERM, start again, run {@code whenLive} once it serves HTTP, wait until ready: the next is restarted only after. */
  private static Restart restart(String name, ChildExamhub instance, LoadGenerator generator, Runnable whenLive) {
    long acknowledged = generator.acknowledgedCount();
    long stop = System.nanoTime();
    instance.close();
    long exited = System.nanoTime();
    instance.start();
    long live = System.nanoTime();
    whenLive.run();
    instance.awaitReady(READY_WITHIN);
    return new Restart(name, acknowledged, stop, exited, live, System.nanoTime());
  }

  private void print(Restart r, long windowEnd, Timeline progress) {
    new Figures(String.format("restart of instance %s after %,d acknowledged: the %.0f s until %s", r.instance(),
        r.acknowledgedBefore(), (windowEnd - r.stopNanos()) / 1e9,
        r.instance().equals("a") ? "the next restart" : "the load was done"))
        .add("SIGTERM to exited", String.format("%.1f s", (r.exitedNanos() - r.stopNanos()) / 1e9))
        .add("started again to serving HTTP", String.format("%.1f s", (r.liveNanos() - r.exitedNanos()) / 1e9))
        .add("serving to ready (Streams running)", String.format("%.1f s", (r.readyNanos() - r.liveNanos()) / 1e9))
        .add("requests sent in the window", answers.sentBetween(r.stopNanos(), windowEnd).size())
        .add("answers not acknowledged, by status or failure", answers.refusalsBetween(r.stopNanos(), windowEnd))
        .add("longest stretch without an acknowledgement", answers.longestWithoutAcknowledgement(r.stopNanos(),
            windowEnd))
        .add("longest stretch without an event, command or outcome",
            String.format("%.2f s", progress.longestGapSeconds(r.stopNanos(), windowEnd)))
        .print();
  }
}
