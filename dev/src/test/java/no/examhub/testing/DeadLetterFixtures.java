package no.examhub.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.kafka.Topic;
import no.examhub.simulator.proview.ProviewSimulator;
import no.examhub.testing.Wire;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Commands that a scripted partner fails, for specs of dead letters, alerts and replay. Proview is
 * the partner with a worker and a scriptable simulator; any institution name will do (it is
 * created, through the operator API, with the simulator's demo Talview account, since Proview is
 * called with each institution's own account), so each spec keeps to its own and can tell its dead
 * letters from everyone else's.
 */
public final class DeadLetterFixtures {
  private DeadLetterFixtures() {}

  /**
   * Makes the next {@code count} Proview calls fail with {@code status}, then sends {@code count}
   * commands. First waits until the hub's worker has caught up with the commands earlier specs
   * left on the shared broker (a new hub's worker reads them from the beginning), so that none of
   * those takes a scripted failure.
   */
  public static List<Command> failingFetches(TestHub hub, String institution, int count, int status) {
    try (DurableProducer producer = new DurableProducer(hub.hub().bootstrapServers(), "dead-letter-fixture", 5000,
        new SimpleMeterRegistry())) {
      withTalviewAccount(hub, "probe");
      withTalviewAccount(hub, institution);
      awaitCaughtUp(hub, producer);
      hub.simulators().orElseThrow().proview().script().failNext(count, status);
      List<Command> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Command c = fetch(institution);
        producer.send(Topics.COMMANDS_PROVIEW, institution + "/" + Wire.payload(c).path("sessionUuid").asText(), c).get();
        sent.add(c);
      }
      return sent;
    } catch (Exception e) {
      throw new IllegalStateException("cannot send commands", e);
    }
  }

  /** The institution, with the simulator's Talview account and app-id; polled by nothing. */
  private static void withTalviewAccount(TestHub hub, String institution) {
    Operator operator = Operator.of(hub);
    int created = operator.put("/api/institutions/" + institution, "{\"orgId\": \"1\", \"institutionNumber\": \"1\","
        + " \"examSystem\": \"INSPERA\", \"instance\": \"" + institution + "\", \"fsEnvironment\": \"test\","
        + " \"appealsEnabled\": false, \"explanationsEnabled\": false,"
        + " \"partners\": {\"proview\": {\"appId\": \"" + ProviewSimulator.APP_ID + "\"}}}").statusCode();
    int account = operator.put("/api/institutions/" + institution + "/credentials/proview",
        "{\"username\": \"" + ProviewSimulator.USERNAME + "\", \"secret\": \"" + ProviewSimulator.PASSWORD + "\"}")
        .statusCode();
    if (created / 100 != 2 || account != 204) {
      throw new IllegalStateException("cannot create " + institution + ": " + created + ", " + account);
    }
  }

  /** One probe per partition of the command and retry topics: when all have an outcome, the backlog is done. */
  private static void awaitCaughtUp(TestHub hub, DurableProducer producer) throws Exception {
    List<String> probes = new ArrayList<>();
    for (Topic<String, Command> topic : List.of(Topics.COMMANDS_PROVIEW, Topics.retryOf(Partner.PROVIEW))) {
      for (var partition : producer.unwrap().partitionsFor(topic.name())) {
        Command probe = fetch("probe");
        producer.unwrap().send(new ProducerRecord<>(topic.name(), partition.partition(), bytes("probe"),
            topic.valueSerde().serializer().serialize(topic.name(), probe))).get();
        probes.add(probe.commandId());
      }
    }
    List<Outcome> done = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.OUTCOMES,
        o -> probes.contains(o.commandId()), probes.size(), Duration.ofSeconds(60));
    if (done.size() < probes.size()) {
      throw new IllegalStateException("the Proview worker did not catch up");
    }
  }

  private static Command fetch(String institution) {
    return Wire.command(institution, Partner.PROVIEW, Operations.FETCH_SESSION,
        Json.MAPPER.valueToTree(Map.of("sessionUuid", UUID.randomUUID().toString(), "externalId", "5506693")), "test",
        Instant.now());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Waits for the dead letters of an institution. */
  public static List<FailedCommand> deadLettersOf(TestHub hub, String institution, int expected) {
    return TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.COMMAND_DEAD_LETTERS,
        f -> institution.equals(f.command().institution()), expected, Duration.ofSeconds(30));
  }
}
