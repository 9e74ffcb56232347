package no.examhub.faults.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import no.examhub.event.CaseKeys;
import no.examhub.event.Command;
import no.examhub.event.ExamEvent;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.flow.cases.Operations;
import no.examhub.partner.proview.ProviewHandler;
import no.examhub.platform.kafka.EmbeddedKafka;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.SimulatorServer;
import no.examhub.simulator.proview.ProviewSimulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
  void twoSigkillsDuringAHundredThousandWebhooksLoseNothingAcknowledgedAndCarryOutNothingTwice() throws Exception {
    long seed = Long.getLong("faults.seed", System.nanoTime());
    Path work = Files.createTempDirectory("crash-under-load");
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
      try (ChildExamhub examhub = new ChildExamhub(childEnv(kafka, mongo, partners, work), logs, freePort())) {
        examhub.start();
        LoadGenerator generator = new LoadGenerator(examhub.baseUrl(), load.webhooks(), CONNECTIONS, (w, a) -> {})
            .start();
        List<String> kills = killTwiceAtRandomMoments(examhub, generator, new Random(seed));
        generator.await(LOAD_WITHIN);
        long loadSeconds = (System.nanoTime() - started) / 1_000_000_000;
        boolean settled = Settling.awaitCommands(kafka.bootstrapServers(), load, SETTLE_WITHIN);
        verify(kafka.bootstrapServers(), load, generator, partners, kills, seed, loadSeconds, settled,
            (System.nanoTime() - started) / 1_000_000_000);
      }
    }
  }

  private static Map<String, String> childEnv(EmbeddedKafka kafka, EmbeddedMongo mongo, SimulatorServer partners,
      Path work) {
    String sim = "http://127.0.0.1:" + partners.port();
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("MONGODB_URI", mongo.uri());
    env.put("EXAMHUB_DATA_DIR", work.resolve("examhub").toString());
    env.put("EXAMHUB_SIMULATORS", "false");
    env.put("EXAMHUB_APPLICATION_ID", "examhub-crash");
    // As the other integration tests run it (TestHub): fewer tasks to commit and restore on 2 cores.
    env.put("EXAMHUB_TOPIC_PARTITIONS", "3");
    env.put("EXAMHUB_STREAM_THREADS", "1");
    env.put("EXAMHUB_RATE_LIMIT_PER_SECOND", "1000000");
    env.put("EXAMHUB_ARCHIVE_CHECK_INTERVAL", "PT1S");
    env.put("EXAMHUB_INSPERA_URL", sim + "/inspera");
    env.put("EXAMHUB_ARCHIVE_URL", sim + "/archive");
    env.put("EXAMHUB_PROVIEW_URL", sim + "/proview");
    env.put("EXAMHUB_PROVIEW_AUTH_URL", sim + "/proview");
    env.put("EXAMHUB_PROVIEW_USERNAME", ProviewSimulator.USERNAME);
    env.put("EXAMHUB_PROVIEW_PASSWORD", ProviewSimulator.PASSWORD);
    env.put("EXAMHUB_PROVIEW_APP_ID", ProviewSimulator.APP_ID);
    return env;
  }

  /** The first kill within 15-40 % of the load, the second within 55-80 %; each followed by a restart. */
  private static List<String> killTwiceAtRandomMoments(ChildExamhub examhub, LoadGenerator generator, Random random)
      throws InterruptedException {
    List<String> kills = new ArrayList<>();
    for (double from : new double[] {0.15, 0.55}) {
      long at = (long) (WEBHOOKS * (from + 0.25 * random.nextDouble()));
      long deadline = System.nanoTime() + LOAD_WITHIN.toNanos();
      while (generator.acknowledgedCount() < at && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long acknowledged = generator.acknowledgedCount();
      int exit = examhub.kill();
      assertThat(exit).as("the child was ended by SIGKILL (exit 128 + 9)").isEqualTo(ChildExamhub.SIGKILL_EXIT);
      long down = System.nanoTime();
      examhub.start();
      kills.add(String.format("after %,d acknowledged: exit %d, serving again after %.1f s", acknowledged, exit,
          (System.nanoTime() - down) / 1e9));
    }
    return kills;
  }

  private static void verify(String bootstrap, CrashLoad load, LoadGenerator generator, SimulatorServer partners,
      List<String> kills, long seed, long loadSeconds, boolean settled, long totalSeconds) {
    Set<String> acknowledged = generator.acknowledgedWebhooks().stream().map(Webhook::body)
        .collect(Collectors.toSet());
    List<String> raw = new ArrayList<>();
    TopicScan.readAll(bootstrap, Topics.RAW_INSPERA).forEach(e -> raw.add(body(e.getValue())));
    TopicScan.readAll(bootstrap, Topics.RAW_PROVIEW).forEach(e -> raw.add(body(e.getValue())));
    Set<String> rawBodies = new HashSet<>(raw);
    Set<String> lostWebhooks = new HashSet<>(acknowledged);
    lostWebhooks.removeAll(rawBodies);

    Map<String, Long> eventsByObject = TopicScan.readAll(bootstrap, Topics.EXAM_EVENTS).stream()
        .map(Map.Entry::getValue).filter(e -> DemoData.INSTITUTION.equals(e.institution()))
        .collect(Collectors.groupingBy(ExamEvent::objectId, Collectors.counting()));
    long eventDuplicates = eventsByObject.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    Set<String> eventsLost = new HashSet<>(load.insperaObjects());
    eventsLost.removeAll(eventsByObject.keySet());

    CommandTally metadata = CommandTally.of(Operations.FETCH_TEST_METADATA, load.testIds(),
        commands(bootstrap, Partner.INSPERA), c -> c.payload().path("testId").asText());
    CommandTally archive = CommandTally.of(Operations.ARCHIVE_THESIS, load.thesisCases(),
        commands(bootstrap, Partner.ARCHIVE), c -> CaseKeys.of(c.institution(), c.payload().path("vurdId").asText(),
            c.payload().path("kandidatnr").asText()));
    CommandTally sessions = CommandTally.of(ProviewHandler.FETCH_SESSION, load.sessions(),
        commands(bootstrap, Partner.PROVIEW), c -> c.payload().path("sessionUuid").asText());

    PartnerTally inspera = PartnerTally.of("Inspera simulator", partners.inspera().script().calls(),
        c -> thingAfter(c.path(), "/inspera/v1/test/"), metadata.idByKey());
    Map<String, String> caseByArchiveKey = new HashMap<>();
    archive.idByKey().forEach((caseKey, id) -> caseByArchiveKey.put(id, caseKey));
    PartnerTally archived = PartnerTally.of("archive simulator", partners.archive().script().calls(),
        c -> c.path().equals("/archive/v1/records") ? caseByArchiveKey.getOrDefault(c.idempotencyKey(),
            "unknown key " + c.idempotencyKey()) : null, archive.idByKey());
    PartnerTally proview = PartnerTally.of("Proview simulator", partners.proview().script().calls(),
        c -> thingAfter(c.path(), "/proview/v1/sessions/"), sessions.idByKey());
    Map<String, Long> filed = partners.archive().filed().stream()
        .collect(Collectors.groupingBy(f -> f.record().path("externalReference").asText(), Collectors.counting()));

    Set<String> ourCommands = new HashSet<>();
    List.of(metadata, archive, sessions).forEach(t -> ourCommands.addAll(t.idByKey().values()));
    List<Outcome> outcomes = TopicScan.readAll(bootstrap, Topics.OUTCOMES).stream().map(Map.Entry::getValue)
        .filter(o -> ourCommands.contains(o.commandId())).toList();
    Set<String> succeeded = outcomes.stream().filter(Outcome::success).map(Outcome::commandId)
        .collect(Collectors.toSet());
    long failedOutcomes = outcomes.stream().filter(o -> !o.success()).count();
    int commandDeadLetters = TopicScan.readAll(bootstrap, Topics.COMMAND_DEAD_LETTERS).size();
    int recordDeadLetters = TopicScan.readAll(bootstrap, Topics.DEAD_LETTERS).size();

    Figures f = new Figures("crash under load (seed " + seed + ", " + totalSeconds + " s in all, load done after "
        + loadSeconds + " s, settled: " + settled + ")");
    for (int i = 0; i < kills.size(); i++) {
      f.add("SIGKILL " + (i + 1), kills.get(i));
    }
    f.add("webhooks (positions in the load)", WEBHOOKS)
        .add("distinct deliveries (re-sent ones counted once)", load.distinctBodies())
        .add("HTTP requests sent (with the generator's own retries)", generator.requests())
        .add("answers by status or failure", generator.answersByKind())
        .add("acknowledged (2xx), distinct deliveries", acknowledged.size())
        .add("found on the raw topics", acknowledged.size() - lostWebhooks.size())
        .add("lost (acknowledged, not on a raw topic)", lostWebhooks.size())
        .add("raw records (retries and re-sends stored again)", raw.size())
        .add("exam events expected", load.insperaObjects().size())
        .add("exam events lost", eventsLost.size())
        .add("exam events duplicated", eventDuplicates);
    metadata.addTo(f);
    archive.addTo(f);
    sessions.addTo(f);
    inspera.addTo(f);
    archived.addTo(f);
    proview.addTo(f);
    f.add("theses filed in the archive", filed.size())
        .add("theses filed twice", filed.values().stream().filter(n -> n > 1).count())
        .add("commands without a successful outcome", ourCommands.size() - succeeded.size())
        .add("failure outcomes", failedOutcomes)
        .add("outcomes sent again for a redelivered, already carried-out command", outcomes.size() - succeeded.size()
            - failedOutcomes)
        .add("dead letters (commands / records)", commandDeadLetters + " / " + recordDeadLetters)
        .print();

    assertThat(generator.acknowledgedCount()).as("every webhook was acknowledged in the end").isEqualTo(WEBHOOKS);
    assertThat(lostWebhooks).as("acknowledged webhooks missing from the raw topics").isEmpty();
    assertThat(eventsLost).as("Inspera webhooks without an exam event").isEmpty();
    assertThat(eventDuplicates).as("exam events delivered twice").isZero();
    for (CommandTally t : List.of(metadata, archive, sessions)) {
      assertThat(t.lost()).as(t.operation() + " commands that should exist and do not").isEmpty();
      assertThat(t.duplicateIds()).as(t.operation() + " commands on their topic twice").isEmpty();
      assertThat(t.duplicateKeys()).as(t.operation() + " commands twice for the same thing").isEmpty();
      assertThat(t.unexpected()).as(t.operation() + " commands nothing asked for").isEmpty();
    }
    for (PartnerTally t : List.of(inspera, archived, proview)) {
      assertThat(t.notApplied()).as(t.partner() + ": commands never applied").isEmpty();
      assertThat(t.appliedTwice()).as(t.partner() + ": applied twice").isEmpty();
      assertThat(t.wrongKey()).as(t.partner() + ": a call without the command id as Idempotency-Key").isEmpty();
    }
    assertThat(filed).as("one archive record per thesis").hasSize(load.thesisCases().size())
        .allSatisfy((ref, n) -> assertThat(n).as(ref).isEqualTo(1L));
    assertThat(succeeded).as("every command has a successful outcome").hasSize(ourCommands.size());
    assertThat(failedOutcomes).as("failure outcomes").isZero();
    assertThat(commandDeadLetters).as("dead-lettered commands").isZero();
    assertThat(recordDeadLetters).as("dead-lettered records").isZero();
  }

  private static List<Command> commands(String bootstrap, Partner partner) {
    return TopicScan.readAll(bootstrap, Topics.commandsFor(partner)).stream().map(Map.Entry::getValue).toList();
  }

  private static String thingAfter(String path, String prefix) {
    return path.startsWith(prefix) ? path.substring(prefix.length()) : null;
  }

  private static String body(RawRequest raw) {
    return new String(raw.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
