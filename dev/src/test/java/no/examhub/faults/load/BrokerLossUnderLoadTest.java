package no.examhub.faults.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.platform.kafka.EmbeddedKafka;
import no.examhub.platform.kafka.EmbeddedKafkaCluster;
import no.examhub.platform.kafka.KafkaSettings;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.SimulatorServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker lost under load on a three-broker KRaft cluster (replication factor 3, min ISR 2) loses
 * nothing acknowledged and does nothing twice. Webhooks flow (acks=all) into a child Examhub; once
 * a quarter is acknowledged the broker leading the most partitions is stopped (SIGTERM, controlled
 * shutdown), started again and waited for until every replica is in sync; then, with webhooks
 * flowing again, the broker then leading the most is killed (SIGKILL) and stays down to the end.
 * The last fifth of the load is held back until the cluster is in sync again, so the kill finds
 * load to carry however slowly the stopped broker came back. The test prints what the clients saw
 * in each window (refusals, the longest stretch without an acknowledgement, the longest without an
 * exam event, command or outcome arriving).
 */
@Tag("cluster")
@ExtendWith(SharedCluster.class)
class BrokerLossUnderLoadTest {
  private static final int WEBHOOKS = 7_000;
  private static final int CONNECTIONS = 8;
  private static final double PER_SECOND = 300;
  private static final int HELD_FROM = WEBHOOKS * 80 / 100;
  /** About a second of load let go before the kill, so that it lands with requests under way. */
  private static final int FLOWING_BEFORE_KILL = 300;
  private static final Duration STOPPED_FOR = Duration.ofSeconds(5);
  private static final Duration LOAD_WITHIN = Duration.ofMinutes(3);
  private static final Duration SETTLE_WITHIN = Duration.ofMinutes(2);

  /** One broker lost: which, how, what it led, when, and how long until no partition named it leader. */
  private record Loss(String how, int node, int ledPartitions, long acknowledgedBefore, long atNanos,
      double leadershipMovedSeconds, Integer exit) {}

  private final AnswerLog answers = new AnswerLog();

  @Test
  void aBrokerStoppedAndAnotherKilledUnderLoadLoseNothingAcknowledgedAndCarryOutNothingTwice(
      EmbeddedKafkaCluster cluster, @TempDir Path work) throws Exception {
    long started = System.nanoTime();
    Path logs = Path.of("target", "faults-load", "broker-loss-" + System.currentTimeMillis());
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.uri());
        SimulatorServer partners = SimulatorServer.start("127.0.0.1", 0)) {
      String bootstrap = cluster.bootstrapServers();
      DemoData.Credentials demo = DemoData.seed(client.getDatabase("examhub"));
      CrashLoad load = CrashLoad.of(WEBHOOKS, demo);
      load.registerTests(partners.inspera(), Instant.now().minus(Duration.ofDays(60)));
      try (ChildExamhub examhub = new ChildExamhub(ChildEnv.of(bootstrap, 3, mongo, partners,
          work.resolve("examhub"), "examhub-broker-loss"), logs, AnswerLog.freePort())) {
        examhub.start().awaitReady(Duration.ofSeconds(180));
        Arrivals progress = Arrivals.watch(bootstrap, progressTopics());
        LoadGenerator generator = new LoadGenerator(examhub.baseUrl(), load.webhooks(), CONNECTIONS, PER_SECOND,
            answers).start();

        generator.holdFrom(HELD_FROM);
        AnswerLog.awaitAcknowledged(generator, WEBHOOKS / 4, LOAD_WITHIN);
        Loss stopped = lose(cluster, generator, "SIGTERM");
        Thread.sleep(STOPPED_FOR.toMillis());
        cluster.node(stopped.node()).start();
        cluster.awaitFullyReplicated(Duration.ofSeconds(120));
        long inSyncAgain = System.nanoTime();
        AnswerLog.awaitAcknowledged(generator, HELD_FROM * 95L / 100, LOAD_WITHIN);
        Duration held = generator.release();
        AnswerLog.awaitAcknowledged(generator, HELD_FROM + FLOWING_BEFORE_KILL, LOAD_WITHIN);
        Loss killed = lose(cluster, generator, "SIGKILL");
        generator.await(LOAD_WITHIN);
        long loadDone = System.nanoTime();
        boolean settled = Settling.awaitCommands(bootstrap, load, SETTLE_WITHIN);
        progress.close();

        CrashFindings found = CrashFindings.read(bootstrap, load, generator, partners);
        found.print(String.format("broker loss under load (%d webhooks, %.0f/s offered over %d connections, "
            + "the last %d held %.1f s until the cluster was in sync again, %.0f s in all, settled: %s)", WEBHOOKS,
            PER_SECOND, CONNECTIONS, WEBHOOKS - HELD_FROM, held.toMillis() / 1e3, AnswerLog.seconds(started),
            settled), List.of());
        print(stopped, killed.atNanos(), progress.timeline(), (inSyncAgain - stopped.atNanos()) / 1e9);
        print(killed, loadDone, progress.timeline(), Double.NaN);

        assertThat(killed.exit()).as("the second broker was ended by SIGKILL (exit 128 + 9)").isEqualTo(137);
        assertThat(List.of(stopped.ledPartitions(), killed.ledPartitions())).as("partitions each lost broker led")
            .allSatisfy(n -> assertThat(n).isPositive());
        assertThat(stopped.node()).as("the killed broker is another than the stopped one").isNotEqualTo(killed.node());
        assertThat(answers.sentBetween(killed.atNanos(), loadDone)).as("webhooks sent after the kill").isNotEmpty();
        assertThat(ownMinInSyncReplicas(bootstrap, Topics.RAW_INSPERA.name()))
            .as("Examhub creates its topics with min.insync.replicas=2 of its own, whatever the brokers' default")
            .isEqualTo("2");
        found.assertNothingLostAndNothingDoneTwice(WEBHOOKS, List.of());
      }
    }
  }

  /** Stops or kills the broker that leads the most partitions now, and waits until no partition names it leader. */
  private static Loss lose(EmbeddedKafkaCluster cluster, LoadGenerator generator, String how) {
    Map<Integer, Integer> led = cluster.leaderships();
    int victim = cluster.busiestLeader();
    EmbeddedKafka node = cluster.node(victim);
    long acknowledged = generator.acknowledgedCount();
    long at = System.nanoTime();
    Integer exit = null;
    if (how.equals("SIGKILL")) {
      exit = node.kill();
    } else {
      node.close();
    }
    double moved = Double.NaN;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        if (cluster.leaderships().getOrDefault(victim, 0) == 0) {
          moved = AnswerLog.seconds(at);
          break;
        }
      } catch (IllegalStateException notNow) {
        // The metadata request itself may meet the lost broker: ask again.
      }
      AnswerLog.pause(100);
    }
    return new Loss(how, victim, led.get(victim), acknowledged, at, moved, exit);
  }

  private void print(Loss loss, long windowEnd, Timeline progress, double inSyncAfter) {
    Figures f = new Figures(String.format("%s of broker %d (led %d partitions) after %,d acknowledged: the %.0f s "
        + "until %s", loss.how(), loss.node(), loss.ledPartitions(), loss.acknowledgedBefore(),
        (windowEnd - loss.atNanos()) / 1e9, loss.how().equals("SIGKILL") ? "the load was done" : "the kill"))
        .add("exit value", loss.exit() == null ? "controlled shutdown" : loss.exit())
        .add("no partition led by it any more after", String.format("%.1f s", loss.leadershipMovedSeconds()));
    if (!Double.isNaN(inSyncAfter)) {
      f.add("started again, every replica in sync after", String.format("%.1f s of the stop", inSyncAfter));
    }
    f.add("requests sent in the window", answers.sentBetween(loss.atNanos(), windowEnd).size())
        .add("of those not acknowledged, by status or failure", answers.refusalsBetween(loss.atNanos(), windowEnd))
        .add("slowest acknowledgement",
            String.format("%.2f s", answers.slowestAcknowledgementSeconds(loss.atNanos(), windowEnd)))
        .add("longest stretch without an acknowledgement", answers.longestWithoutAcknowledgement(loss.atNanos(),
            windowEnd))
        .add("longest stretch without an event, command or outcome",
            String.format("%.2f s", progress.longestGapSeconds(loss.atNanos(), windowEnd)))
        .print();
  }

  /** What the topology and dispatch write: their progress, seen from outside. */
  static List<String> progressTopics() {
    return List.of(Topics.EXAM_EVENTS.name(), Topics.OUTCOMES.name(), Topics.commandsFor(Partner.INSPERA).name(),
        Topics.commandsFor(Partner.ARCHIVE).name(), Topics.commandsFor(Partner.PROVIEW).name());
  }

  /** The topic's min.insync.replicas when set on the topic itself, else null (a broker default does not count). */
  private static String ownMinInSyncReplicas(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      ConfigEntry entry = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource)
          .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
      return entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG ? entry.value() : null;
    }
  }
}
