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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import no.examhub.platform.kafka.EmbeddedKafka;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.SimulatorServer;
import no.examhub.simulator.script.PartnerScript;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Examhub instances, one killed with SIGKILL under load, fail over within seconds and lose
 * nothing they acknowledged and do nothing twice. Both run as child processes (same application
 * id, their own {@code EXAMHUB_INSTANCE_ID} and data directory, one standby replica) against a
 * broker (its own process) and a store (in this JVM) that survive them; the partner simulators
 * run in this JVM, so their record of every call survives the kills. 50,000 authenticated
 * webhooks, 450 a second over 16 connections split across both instances (a connection whose
 * instance refuses it goes to the other, as behind a load balancer). Each instance is killed once:
 * the first, then after its restart the second, which by then holds most active tasks. Each kill is
 * followed by {@link #OBSERVE} with one instance, in which the failover is measured ({@link
 * Failover}), then the victim is started again while the load goes on.
 */
@Tag("fault-load")
class CrashUnderLoadTest {
  private static final int WEBHOOKS = 50_000;
  private static final double PER_SECOND = 450;
  private static final int CONNECTIONS = 16;
  private static final long PARTNER_LATENCY_MILLIS = 50;
  private static final Duration LOAD_WITHIN = Duration.ofMinutes(5);
  private static final Duration SETTLE_WITHIN = Duration.ofMinutes(3);
  /** One instance alone after a kill: longer than the bound below, so a slow failover is measured in full. */
  private static final Duration OBSERVE = Duration.ofSeconds(32);
  /** Issue 15's target is 15 s; the bound is generous for a loaded 2-core machine, the figure is printed. */
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(30);
  /** A partner call under way at the kill whose outcome came later than this was the victim's. */
  private static final Duration SURVIVOR_OUTCOME_WITHIN = Duration.ofSeconds(3);

  @Test
  void aSigkillOfEachOfTwoInstancesUnderLoadFailsOverInSecondsLosesNothingAcknowledgedAndCarriesOutNothingTwice(
      @TempDir Path work) throws Exception {
    long seed = Long.getLong("faults.seed", System.nanoTime());
    Path logs = Path.of("target", "faults-load", "crash-" + seed);
    try (EmbeddedKafka kafka = new EmbeddedKafka(work.resolve("kafka"), freePort(), freePort()).start();
        EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.uri());
        SimulatorServer partners = SimulatorServer.start("127.0.0.1", 0)) {
      DemoData.Credentials demo = DemoData.seed(client.getDatabase("examhub"));
      CrashLoad load = CrashLoad.of(WEBHOOKS, demo);
      load.registerTests(partners.inspera(), Instant.now().minus(Duration.ofDays(60)));
      // Partners answer 50 ms after applying a call, so a kill that finds dispatch at work likely
      // finds a call applied but unanswered: its repeat after the failover must carry the same key.
      List.of(partners.inspera().script(), partners.archive().script(), partners.proview().script())
          .forEach(script -> script.delay(PARTNER_LATENCY_MILLIS));
      long started = System.nanoTime();
      try (ChildExamhub a = new ChildExamhub(childEnv(kafka, mongo, partners, work, "a"), logs.resolve("a"), freePort());
          ChildExamhub b = new ChildExamhub(childEnv(kafka, mongo, partners, work, "b"), logs.resolve("b"), freePort())) {
        startBoth(a, b);
        AtomicLongArray acks = new AtomicLongArray(WEBHOOKS);
        try (CommandClock clock = new CommandClock(kafka.bootstrapServers()).start()) {
          LoadGenerator generator = new LoadGenerator(List.of(a.baseUrl(), b.baseUrl()), load.webhooks(), CONNECTIONS,
              PER_SECOND, (w, answer) -> {
                if (answer.acknowledged()) {
                  acks.compareAndSet(w.index(), 0, answer.answeredNanos());
                }
              }).start();
          Random random = new Random(seed);
          List<Kill> kills = new ArrayList<>();
          List<Failover> failovers = new ArrayList<>();
          long firstKill = killAndRestart("instance a", a, 0.15, generator, partners, random, load, acks, clock, kills,
              failovers);
          killAndRestart("instance b", b, 0.6, generator, partners, random, load, acks, clock, kills, failovers);
          generator.await(LOAD_WITHIN);
          long loadSeconds = (System.nanoTime() - started) / 1_000_000_000;
          boolean settled = Settling.awaitCommands(kafka.bootstrapServers(), load, SETTLE_WITHIN);
          CrashFindings found = CrashFindings.read(kafka.bootstrapServers(), load, generator, partners);
          found.print(String.format("crash under load, two instances (seed %d, %d s in all, load done after %d s, "
              + "settled: %s)", seed, (System.nanoTime() - started) / 1_000_000_000, loadSeconds, settled), kills);
          printFailovers(failovers, firstKill, load, acks, clock);
          found.assertNothingLostAndNothingDoneTwice(WEBHOOKS, kills);
          for (Failover f : failovers) {
            assertThat(f.neverSeen()).as(f.victim() + ": commands still not seen at the end of the failover").isZero();
            assertThat(f.commandsAgainSeconds()).as(f.victim() + ": seconds until commands were readable again")
                .isLessThan(FAILOVER_BOUND.toSeconds());
            assertThat(f.carriedOutAgainSeconds()).as(f.victim() + ": seconds until commands were carried out again")
                .isLessThan(FAILOVER_BOUND.toSeconds());
          }
        }
      }
    }
  }

  /** Both at once: the second joins while the first starts, as a deployment's instances do. */
  private static void startBoth(ChildExamhub a, ChildExamhub b) throws Exception {
    CompletableFuture<ChildExamhub> first = CompletableFuture.supplyAsync(a::start);
    b.start();
    first.get();
  }

  private static Map<String, String> childEnv(EmbeddedKafka kafka, EmbeddedMongo mongo, SimulatorServer partners,
      Path work, String instance) {
    String sim = "http://127.0.0.1:" + partners.port();
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("MONGODB_URI", mongo.uri());
    env.put("EXAMHUB_DATA_DIR", work.resolve("examhub-" + instance).toString());
    env.put("EXAMHUB_INSTANCE_ID", "examhub-crash-" + instance);
    env.put("EXAMHUB_STANDBY_REPLICAS", "1");
    env.put("EXAMHUB_SIMULATORS", "false");
    env.put("EXAMHUB_ACCESS_CODE_KEY", "crash-under-load-".repeat(2));
    env.put("EXAMHUB_APPLICATION_ID", "examhub-crash");
    // As the other integration tests run it (TestHub): fewer tasks to commit and restore on 2 cores.
    env.put("EXAMHUB_TOPIC_PARTITIONS", "3");
    env.put("EXAMHUB_STREAM_THREADS", "1");
    env.put("EXAMHUB_RATE_LIMIT_PER_SECOND", "1000000");
    env.put("EXAMHUB_ARCHIVE_CHECK_INTERVAL", "PT1S");
    env.put("EXAMHUB_INSPERA_URL", sim + "/inspera/{domain}/api");
    env.put("EXAMHUB_ARCHIVE_URL", sim + "/archive");
    env.put("EXAMHUB_PROVIEW_URL", sim + "/proview");
    env.put("EXAMHUB_PROVIEW_AUTH_URL", sim + "/proview");
    return env;
  }

  /**
   * Kills {@code victim} at a random point within {@code from} to {@code from + 10 %} of the load, at
   * the first instant after it (within 5 s) when Inspera or the archive has applied a call and not
   * answered it yet; lets the other instance carry on alone for {@link #OBSERVE}; measures the
   * failover; starts the victim again. Returns when it was killed.
   */
  private static long killAndRestart(String name, ChildExamhub victim, double from, LoadGenerator generator,
      SimulatorServer partners, Random random, CrashLoad load, AtomicLongArray acks, CommandClock clock,
      List<Kill> kills, List<Failover> failovers) throws InterruptedException {
    long at = (long) (WEBHOOKS * (from + 0.1 * random.nextDouble()));
    long deadline = System.nanoTime() + LOAD_WITHIN.toNanos();
    while (generator.acknowledgedCount() < at && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    awaitPartnerCallUnderWay(partners, Duration.ofSeconds(5));
    List<PartnerScript.Call> before = callsSoFar(partners);
    long acknowledged = generator.acknowledgedCount();
    int exit = victim.kill();
    long killed = System.nanoTime();
    assertThat(exit).as("the child was ended by SIGKILL (exit 128 + 9)").isEqualTo(ChildExamhub.SIGKILL_EXIT);
    Thread.sleep(OBSERVE.toMillis());
    long restarting = System.nanoTime();
    failovers.add(Failover.measure(name, killed, restarting, load, acks, clock, restarting));
    boolean victimsCall = victimsCallUnderWay(before, killed, clock);
    victim.start();
    kills.add(new Kill(acknowledged, victimsCall, exit, (System.nanoTime() - restarting) / 1e9));
    return killed;
  }

  /** Proview is left out: its login goes through the same delay, and a repeated login is no command. */
  private static void awaitPartnerCallUnderWay(SimulatorServer partners, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (partners.inspera().script().answering() + partners.archive().script().answering() > 0) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  private static List<PartnerScript.Call> callsSoFar(SimulatorServer partners) {
    List<PartnerScript.Call> calls = new ArrayList<>(partners.inspera().script().calls());
    calls.addAll(partners.archive().script().calls());
    return calls;
  }

  /**
   * Whether a call applied before the kill was the victim's and unanswered: the survivor writes the
   * outcome of its own call within milliseconds of the answer, while the victim's call is repeated
   * (with the same key, the command id) only after the failover. Either instance may be calling a
   * partner at the kill, so the simulator's view alone cannot tell.
   */
  private static boolean victimsCallUnderWay(List<PartnerScript.Call> before, long killed, CommandClock clock) {
    return before.stream().filter(c -> c.applied() && c.failedWith() == 0 && c.idempotencyKey() != null)
        .anyMatch(c -> clock.outcomeSeenById(c.idempotencyKey())
            .orElse(Long.MAX_VALUE) > killed + SURVIVOR_OUTCOME_WITHIN.toNanos());
  }

  private static void printFailovers(List<Failover> failovers, long firstKill, CrashLoad load, AtomicLongArray acks,
      CommandClock clock) {
    Figures f = new Figures("failover after SIGKILL (target: commands flow again within 15 s)");
    f.add("before the first kill: webhook to readable command, p50 / p99",
        String.format("%.2f s / %.2f s", Failover.latencyBefore(firstKill, load, acks, clock, 0.5),
            Failover.latencyBefore(firstKill, load, acks, clock, 0.99)));
    for (int i = 0; i < failovers.size(); i++) {
      f.add("failover " + (i + 1), failovers.get(i));
    }
    f.print();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
