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
import java.util.List;
import java.util.Random;
import no.examhub.platform.kafka.EmbeddedKafka;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.SimulatorServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Examhub killed with SIGKILL twice under load loses nothing it acknowledged and does nothing
 * twice. Examhub runs as a child process against a broker (its own process) and a store (in this
 * JVM) that survive it; the partner simulators run in this JVM, so their record of every call
 * survives the kills. 100,000 authenticated webhooks are sent over 16 connections; at two random
 * moments the child is killed and started again while the load goes on (what it cannot answer
 * meanwhile is sent again, as partners do).
 */
@Tag("fault-load")
class CrashUnderLoadTest {
  private static final int WEBHOOKS = 100_000;
  private static final int CONNECTIONS = 16;
  private static final long PARTNER_LATENCY_MILLIS = 50;
  private static final Duration LOAD_WITHIN = Duration.ofMinutes(5);
  private static final Duration SETTLE_WITHIN = Duration.ofMinutes(4);

  @Test
  void twoSigkillsDuringAHundredThousandWebhooksLoseNothingAcknowledgedAndCarryOutNothingTwice(@TempDir Path work)
      throws Exception {
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
      // finds a call applied but unanswered: its repeat after the restart must carry the same key.
      List.of(partners.inspera().script(), partners.archive().script(), partners.proview().script())
          .forEach(script -> script.delay(PARTNER_LATENCY_MILLIS));
      long started = System.nanoTime();
      try (ChildExamhub examhub = new ChildExamhub(ChildEnv.of(kafka.bootstrapServers(), 1, mongo, partners,
          work.resolve("examhub"), "examhub-crash"), logs, freePort())) {
        examhub.start();
        LoadGenerator generator = new LoadGenerator(examhub.baseUrl(), load.webhooks(), CONNECTIONS, (w, a) -> {})
            .start();
        List<Kill> kills = killTwiceAtRandomMoments(examhub, generator, partners, new Random(seed));
        generator.await(LOAD_WITHIN);
        long loadSeconds = (System.nanoTime() - started) / 1_000_000_000;
        boolean settled = Settling.awaitCommands(kafka.bootstrapServers(), load, SETTLE_WITHIN);
        CrashFindings found = CrashFindings.read(kafka.bootstrapServers(), load, generator, partners);
        found.print(String.format("crash under load (seed %d, %d s in all, load done after %d s, settled: %s)", seed,
            (System.nanoTime() - started) / 1_000_000_000, loadSeconds, settled), kills);
        found.assertNothingLostAndNothingDoneTwice(WEBHOOKS, kills);
      }
    }
  }

  /**
   * The first kill within 15-40 % of the load, the second within 55-80 %, each at the first instant
   * after that point (within 5 s) when Inspera or the archive has applied a call and not answered
   * it yet, the gap only the Idempotency-Key covers; each followed by a restart.
   */
  private static List<Kill> killTwiceAtRandomMoments(ChildExamhub examhub, LoadGenerator generator,
      SimulatorServer partners, Random random) throws InterruptedException {
    List<Kill> kills = new ArrayList<>();
    for (double from : new double[] {0.15, 0.55}) {
      long at = (long) (WEBHOOKS * (from + 0.25 * random.nextDouble()));
      long deadline = System.nanoTime() + LOAD_WITHIN.toNanos();
      while (generator.acknowledgedCount() < at && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      boolean duringCall = awaitPartnerCallUnderWay(partners, Duration.ofSeconds(5));
      long acknowledged = generator.acknowledgedCount();
      int exit = examhub.kill();
      assertThat(exit).as("the child was ended by SIGKILL (exit 128 + 9)").isEqualTo(ChildExamhub.SIGKILL_EXIT);
      long down = System.nanoTime();
      examhub.start();
      kills.add(new Kill(acknowledged, duringCall, exit, (System.nanoTime() - down) / 1e9));
    }
    return kills;
  }

  /** Proview is left out: its login goes through the same delay, and a repeated login is no command. */
  private static boolean awaitPartnerCallUnderWay(SimulatorServer partners, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (partners.inspera().script().answering() + partners.archive().script().answering() > 0) {
        return true;
      }
      Thread.onSpinWait();
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
