package no.examhub.faults.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.examhub.platform.kafka.EmbeddedKafka;
import no.examhub.platform.kafka.KafkaSettings;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.SimulatorServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application, each killed once with SIGKILL under load, lose nothing
 * acknowledged and do nothing twice, and the survivor carries on the killed one's work while it is
 * down. Each instance has its own static member id, data directory and HTTP port, and a standby
 * replica of every store is kept on the other; a broker (its own process) and a store (in this
 * JVM) survive them, and so do the partner simulators, whose record of every call is the truth.
 * 40,000 authenticated webhooks are offered at 300 a second over 8 connections split over both
 * instances, as a load balancer that retries elsewhere would; at a random moment in each part of
 * the load, one instance is killed while a partner call of its own is applied and unanswered, and
 * is started again only once the survivor has taken over its partitions (or a bound has passed).
 * The failover of each kill is measured and printed (see {@link Failover}); only that it happened
 * before the restart is asserted, not how fast.
 */
@Tag("fault-load")
class CrashUnderLoadTest {
  private static final String APPLICATION = "examhub-crash";
  private static final int WEBHOOKS = 40_000;
  private static final int CONNECTIONS = 8;
  private static final double PER_SECOND = 300;
  private static final long PARTNER_LATENCY_MILLIS = 50;
  private static final Duration FAILOVER_WITHIN = Duration.ofSeconds(60);
  private static final Duration READY_WITHIN = Duration.ofSeconds(120);
  private static final Duration LOAD_WITHIN = Duration.ofMinutes(5);
  private static final Duration SETTLE_WITHIN = Duration.ofMinutes(3);

  /** One instance: its name and its own name for the partners, so their record tells its calls apart. */
  private record Member(String name, String partnerHost, ChildExamhub examhub) {}

  @Test
  void eachOfTwoInstancesKilledUnderLoadFailsOverToTheOtherLosingNothingAcknowledgedAndCarryingOutNothingTwice(
      @TempDir Path work) throws Exception {
    long seed = Long.getLong("faults.seed", System.nanoTime());
    long started = System.nanoTime();
    Path logs = Path.of("target", "faults-load", "crash-" + seed);
    try (EmbeddedKafka kafka = new EmbeddedKafka(work.resolve("kafka"), freePort(), freePort()).start();
        EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.uri());
        SimulatorServer partners = SimulatorServer.start("127.0.0.1", 0);
        Admin admin = Admin.create(KafkaSettings.admin(kafka.bootstrapServers()))) {
      String bootstrap = kafka.bootstrapServers();
      DemoData.Credentials demo = DemoData.seed(client.getDatabase("examhub"));
      CrashLoad load = CrashLoad.of(WEBHOOKS, demo);
      load.registerTests(partners.inspera(), Instant.now().minus(Duration.ofDays(60)));
      // Partners answer 50 ms after applying a call, so a kill that finds dispatch at work likely
      // finds a call applied but unanswered: its repeat by the survivor must carry the same key.
      List.of(partners.inspera().script(), partners.archive().script(), partners.proview().script())
          .forEach(script -> script.delay(PARTNER_LATENCY_MILLIS));
      try (ChildExamhub a = instance("a", "127.0.0.1", bootstrap, mongo, partners, work, logs);
          ChildExamhub b = instance("b", "localhost", bootstrap, mongo, partners, work, logs)) {
        // One after the other: two at once creating the topics on a loaded machine timed out.
        a.start().awaitReady(READY_WITHIN);
        b.start().awaitReady(READY_WITHIN);
        double upAfter = seconds(started);
        Arrivals progress = Arrivals.watch(bootstrap, BrokerLossUnderLoadTest.progressTopics());
        LoadGenerator generator = new LoadGenerator(List.of(a.baseUrl(), b.baseUrl()), load.webhooks(), CONNECTIONS,
            PER_SECOND, (w, answer) -> {}).start();
        // However long the first failover and restart take, the second kill must find load to carry.
        generator.holdFrom(WEBHOOKS * 85 / 100);

        Random random = new Random(seed);
        List<Kill> kills = new ArrayList<>();
        List<Figures> failovers = new ArrayList<>();
        int port = partners.port();
        for (Member m : List.of(new Member("a", "127.0.0.1:" + port, a), new Member("b", "localhost:" + port, b))) {
          double from = m.name().equals("a") ? 0.15 : 0.55;
          awaitAcknowledged(generator, (long) (WEBHOOKS * (from + 0.25 * random.nextDouble())));
          failovers.add(killAndFailOver(m, m.name().equals("b"), generator, partners, admin, progress, kills));
        }
        generator.await(LOAD_WITHIN);
        long loadSeconds = (System.nanoTime() - started) / 1_000_000_000;
        boolean settled = Settling.awaitCommands(bootstrap, load, SETTLE_WITHIN);
        progress.close();

        CrashFindings found = CrashFindings.read(bootstrap, load, generator, partners);
        found.print(String.format("crash under load, two instances (seed %d, %d webhooks, %.0f/s offered over %d "
            + "connections, both ready after %.1f s, load done after %d s, %.0f s in all, settled: %s)", seed, WEBHOOKS,
            PER_SECOND, CONNECTIONS, upAfter, loadSeconds, seconds(started), settled), kills);
        failovers.forEach(Figures::print);

        assertThat(List.of(a.starts(), b.starts())).as("each instance started twice").containsOnly(2);
        found.assertNothingLostAndNothingDoneTwice(WEBHOOKS, kills);
      }
    }
  }

  /**
   * Kills the member at the first instant (within 5 s) when Inspera or the archive has applied a
   * call of its own and not answered it yet, the gap only the Idempotency-Key covers; after the last
   * kill lets the held load go on; waits for the survivor to take over; only then starts it again.
   */
  private static Figures killAndFailOver(Member m, boolean last, LoadGenerator generator, SimulatorServer partners, Admin admin,
      Arrivals progress, List<Kill> kills) throws InterruptedException {
    boolean duringCall = awaitPartnerCallUnderWay(partners, m.partnerHost(), Duration.ofSeconds(5));
    long acknowledged = generator.acknowledgedCount();
    double loadAtKill = loadAverage();
    int exit = m.examhub().kill();
    long killed = System.nanoTime();
    assertThat(exit).as("instance %s was ended by SIGKILL (exit 128 + 9)", m.name()).isEqualTo(ChildExamhub.SIGKILL_EXIT);
    if (last) {
      generator.release();
    }
    Map<TopicPartition, Long> atKill = Failover.committed(admin, APPLICATION);
    Failover failover = Failover.await(admin, APPLICATION, atKill, killed, progress, FAILOVER_WITHIN);
    double loadAtFailover = loadAverage();
    long restarted = System.nanoTime();
    m.examhub().start();
    double serving = seconds(restarted);
    kills.add(new Kill(acknowledged, duringCall, exit, seconds(killed)));
    m.examhub().awaitReady(READY_WITHIN);
    assertThat(failover.resumed())
        .as("the survivor carried on instance %s's work while it was down (within %s, before its restart)", m.name(),
            FAILOVER_WITHIN).isTrue();
    Figures f = new Figures(String.format("SIGKILL of instance %s after %,d acknowledged%s", m.name(), acknowledged,
        duringCall ? ", a partner call of its own applied and unanswered" : ", no partner call of its own under way"));
    failover.addTo(f);
    return f.add("load average (1 min) at the kill / at the failover", String.format("%.2f / %.2f", loadAtKill,
            loadAtFailover))
        .add("restarted after the failover: serving / ready after", String.format("%.1f s / %.1f s", serving,
            seconds(restarted)));
  }

  /** One member of the application: its own id, data directory, HTTP port, and name for the partners. */
  private static ChildExamhub instance(String id, String partnerHost, String bootstrap, EmbeddedMongo mongo,
      SimulatorServer partners, Path work, Path logs) throws IOException {
    return new ChildExamhub(ChildEnv.member(ChildEnv.of(bootstrap, 1, mongo, partners, partnerHost,
        work.resolve("examhub-" + id), APPLICATION), "crash-" + id), logs.resolve(id), freePort());
  }

  /** Proview is left out: its login goes through the same delay, and a repeated login is no command. */
  private static boolean awaitPartnerCallUnderWay(SimulatorServer partners, String host, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (partners.inspera().script().answering(host) + partners.archive().script().answering(host) > 0) {
        return true;
      }
      Thread.onSpinWait();
    }
    return false;
  }

  private static void awaitAcknowledged(LoadGenerator generator, long count) throws InterruptedException {
    long deadline = System.nanoTime() + LOAD_WITHIN.toNanos();
    while (generator.acknowledgedCount() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
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
