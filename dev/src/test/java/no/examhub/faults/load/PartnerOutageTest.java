package no.examhub.faults.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.simulator.script.PartnerScript;
import no.examhub.testing.TestHub;
import no.examhub.testing.TestKafka;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A partner down for a while under a steady stream of commands, then back: the commands wait on
 * the retry topic, each is carried out exactly once when the partner is back, and none is
 * dead-lettered. Proview callbacks arrive at 25 a second; each makes one {@code fetch-session}
 * command. The outage lasts 8 seconds, in two forms: the partner answering 503 (with
 * Retry-After: 1, as the simulator does), and nothing listening (connection refused).
 *
 * <p>What makes the outage survivable is the retry policy, set here as an operator would for a
 * partner known to have outages of this length: {@code EXAMHUB_DISPATCH_MAX_ATTEMPTS=5,proview=20},
 * {@code EXAMHUB_DISPATCH_BACKOFF=PT0.25S}, {@code EXAMHUB_DISPATCH_MAX_BACKOFF=PT2S}. A partner's
 * Retry-After replaces the backoff, so against the 503s 19 retries wait at least 19 s in all; against
 * refused connections the backoff doubles from 0.25 s to 2 s, with jitter down to half, so 19
 * retries wait at least 0.125 + 0.25 + 0.5 + 16 x 1 = 16.9 s. Both outlast the 8 s outage with room
 * for a command that failed just before it began. With the defaults (5 attempts, Retry-After: 1)
 * a command would be dead-lettered after about 4 s of 503s.
 */
@Tag("fault-load")
class PartnerOutageTest {
  private static final double PER_SECOND = 25;
  private static final Duration BEFORE = Duration.ofSeconds(4);
  private static final Duration OUTAGE = Duration.ofSeconds(8);
  private static final Duration AFTER = Duration.ofSeconds(6);
  private static final Map<String, String> RETRY_POLICY = Map.of("EXAMHUB_DISPATCH_MAX_ATTEMPTS", "5,proview=20",
      "EXAMHUB_DISPATCH_BACKOFF", "PT0.25S", "EXAMHUB_DISPATCH_MAX_BACKOFF", "PT2S");

  private KafkaClusterTestKit kafka;
  private OutagePartner proview;

  @BeforeEach
  void start() throws IOException {
    // A broker of its own: another hub on a shared broker would carry out these commands as well.
    kafka = TestKafka.startPrivate();
    proview = new OutagePartner(freePort()).up();
  }

  @AfterEach
  void stop() throws Exception {
    proview.close();
    kafka.close();
  }

  @Test
  void whileProviewAnswers503EveryCommandWaitsAndIsCarriedOutOnceWhenItIsBack() throws Exception {
    Result r = streamCommandsThrough("503 with Retry-After: 1", proview::answering503, proview::serving);

    assertThat(r.refusedCalls()).as("calls the outage answered 503").isPositive();
    r.assertEveryCommandCarriedOutOnce();
  }

  @Test
  void whileProviewRefusesConnectionsEveryCommandWaitsAndIsCarriedOutOnceWhenItIsBack() throws Exception {
    Result r = streamCommandsThrough("connection refused", proview::down, proview::up);

    r.assertEveryCommandCarriedOutOnce();
  }

  private Result streamCommandsThrough(String outage, Runnable begin, Runnable end) throws Exception {
    Map<String, String> settings = new HashMap<>(RETRY_POLICY);
    settings.put("EXAMHUB_PROVIEW_URL", proview.url());
    settings.put("EXAMHUB_PROVIEW_AUTH_URL", proview.url());
    try (TestHub hub = TestHub.start(kafka.bootstrapServers(), settings)) {
      hub.awaitStreamsRunning();
      Set<String> sessions = new LinkedHashSet<>();
      List<Webhook> callbacks = callbacks(hub.demo().proviewToken(), sessions);
      LoadGenerator generator = new LoadGenerator(hub.baseUrl(), callbacks, 2, PER_SECOND, (w, a) -> {}).start();
      Thread.sleep(BEFORE.toMillis());
      begin.run();
      Thread.sleep(OUTAGE.toMillis());
      end.run();
      generator.await(Duration.ofMinutes(1));
      long lastCallback = System.nanoTime();
      awaitOutcomes(kafka.bootstrapServers(), sessions.size(), Duration.ofSeconds(90));
      double drained = (System.nanoTime() - lastCallback) / 1e9;
      // A second outcome for a command, if any, would come within this time.
      Thread.sleep(3_000);
      return Result.of(outage, kafka.bootstrapServers(), hub.mongoUri(), sessions, generator,
          fetchSessionOutcomes(kafka.bootstrapServers()), proview.script().calls(), drained);
    }
  }

  /** As many callbacks as the stream sends in its time, each for a session of its own. */
  private static List<Webhook> callbacks(String token, Set<String> sessions) {
    int count = (int) (PER_SECOND * BEFORE.plus(OUTAGE).plus(AFTER).toSeconds());
    List<Webhook> callbacks = new ArrayList<>();
    String run = UUID.randomUUID().toString();
    for (int i = 0; i < count; i++) {
      String session = UUID.nameUUIDFromBytes((run + i).getBytes(StandardCharsets.UTF_8)).toString();
      sessions.add(session);
      callbacks.add(Webhook.proview(i, token, "{\"message\": \"Session Has Been Terminated\", \"external_id\": \""
          + i + "\", \"session_uuid\": \"" + session + "\"}"));
    }
    return callbacks;
  }

  /** Waits until there are as many outcomes as commands (or the time is up: the checks then say what is missing). */
  private static void awaitOutcomes(String bootstrap, int commands, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline && fetchSessionOutcomes(bootstrap).size() < commands) {
      Thread.sleep(250);
    }
  }

  private static List<Outcome> fetchSessionOutcomes(String bootstrap) {
    return TopicReader.readAll(bootstrap, Topics.OUTCOMES).stream().map(Map.Entry::getValue)
        .filter(o -> o.partner() == Partner.PROVIEW).toList();
  }

  /** What one outage did to the stream of commands, and the checks on it. */
  private record Result(String outage, int callbacks, long acknowledged, CommandTally commands, PartnerTally partner,
      List<Outcome> outcomes, long executionRecords, int deadLettered) {

    static Result of(String outage, String bootstrap, String mongoUri, Set<String> sessions, LoadGenerator generator,
        List<Outcome> allOutcomes, List<PartnerScript.Call> calls, double drainedSeconds) {
      CommandTally commands = CommandTally.of(Operations.FETCH_SESSION, sessions,
          TopicReader.readAll(bootstrap, Topics.COMMANDS_PROVIEW).stream().map(Map.Entry::getValue).toList(),
          c -> Wire.payload(c).path("sessionUuid").asText());
      Set<String> ids = Set.copyOf(commands.idByKey().values());
      PartnerTally partner = PartnerTally.of("Proview", calls, c -> c.path().startsWith("/proview/v1/sessions/")
          ? c.path().substring("/proview/v1/sessions/".length()) : null, commands.idByKey());
      List<Outcome> outcomes = allOutcomes.stream().filter(o -> ids.contains(o.commandId())).toList();
      long records;
      try (MongoClient client = MongoClients.create(mongoUri)) {
        records = client.getDatabase("examhub").getCollection("command_executions")
            .countDocuments(Filters.in("_id", ids));
      }
      int deadLettered = (int) TopicReader.readAll(bootstrap, Topics.COMMAND_DEAD_LETTERS).stream()
          .filter(e -> ids.contains(e.getValue().command().commandId())).count();
      Result r = new Result(outage, sessions.size(), generator.acknowledgedCount(), commands, partner, outcomes,
          records, deadLettered);
      r.print(generator, drainedSeconds);
      return r;
    }

    long refusedCalls() {
      return partner.refused();
    }

    void print(LoadGenerator generator, double drainedSeconds) {
      Map<Integer, Long> byAttempts = outcomes.stream()
          .collect(Collectors.groupingBy(Outcome::attempts, TreeMap::new, Collectors.counting()));
      Figures f = new Figures("partner outage: Proview " + outage + " for " + OUTAGE.toSeconds() + " s under "
          + PER_SECOND + " callbacks/s")
          .add("callbacks sent", callbacks)
          .add("HTTP requests", generator.requests())
          .add("acknowledged", acknowledged);
      commands.addTo(f);
      partner.addTo(f);
      f.add("outcomes", outcomes.size())
          .add("successful outcomes", outcomes.stream().filter(Outcome::success).count())
          .add("commands by attempts it took", byAttempts)
          .add("execution records", executionRecords)
          .add("dead-lettered", deadLettered)
          .add("all outcomes in, after the last callback was acknowledged", String.format("%.1f s", drainedSeconds))
          .print();
    }

    void assertEveryCommandCarriedOutOnce() {
      assertThat(acknowledged).as("callbacks acknowledged").isEqualTo(callbacks);
      assertThat(commands.lost()).as("callbacks without their command").isEmpty();
      assertThat(commands.duplicateIds()).as("commands on their topic twice").isEmpty();
      assertThat(commands.duplicateKeys()).as("two commands for one session").isEmpty();
      assertThat(outcomes).as("one outcome per command, each a success").hasSize(callbacks)
          .allSatisfy(o -> assertThat(o.success()).as(o.commandId() + " " + o.errorCode()).isTrue());
      assertThat(outcomes.stream().map(Outcome::commandId).distinct().count()).as("commands with an outcome")
          .isEqualTo(callbacks);
      assertThat(outcomes).as("commands the outage made wait").anySatisfy(o -> assertThat(o.attempts()).isGreaterThan(1));
      assertThat(executionRecords).as("execution records").isEqualTo(callbacks);
      assertThat(partner.notApplied()).as("sessions Proview never served").isEmpty();
      assertThat(partner.appliedTwice()).as("sessions Proview served twice").isEmpty();
      assertThat(partner.wrongKey()).as("calls without the command id as Idempotency-Key").isEmpty();
      assertThat(deadLettered).as("commands dead-lettered").isZero();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
