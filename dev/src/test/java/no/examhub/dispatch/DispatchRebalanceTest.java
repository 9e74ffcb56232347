package no.examhub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.event.Result;
import no.examhub.event.Topics;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.testing.Eventually;
import no.examhub.testing.TestKafka;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.Test;

/**
 * A second instance joins and leaves again and again while commands flow, as in a rolling restart:
 * every command is carried out once, and the first instance's worker never dies. Before, the
 * commit after a rebalance threw out of the worker's loop and ended its thread for good.
 */
class DispatchRebalanceTest {
  private static final int COMMANDS = 240;

  private final String run = UUID.randomUUID().toString();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  @Test
  void aSecondInstanceJoiningAndLeavingRepeatedlyCausesNoRepeatAndNoDeadWorker() throws Exception {
    TestKafka.withExamhubTopics();
    String group = "rebalance-" + run;
    SimpleMeterRegistry first = new SimpleMeterRegistry();
    List<String> sent = new ArrayList<>();
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(); MongoClient client = MongoClients.create(mongo.uri());
        DurableProducer producer = new DurableProducer(TestKafka.bootstrapServers(), "rebalance-test", 5000,
            new SimpleMeterRegistry());
        Dispatch a = dispatch(group, producer, client, first).start()) {
      for (int round = 0; round < 4; round++) {
        try (Dispatch b = dispatch(group, producer, client, new SimpleMeterRegistry()).start()) {
          sendBatch(producer, sent, COMMANDS / 8);
          Thread.sleep(1_500);
          sendBatch(producer, sent, COMMANDS / 8);
        }
        Thread.sleep(500);
      }

      Eventually.holds(Duration.ofSeconds(90), () -> sent.stream().allMatch(calls::containsKey));
      Thread.sleep(1_000);
      assertThat(sent).hasSize(COMMANDS).allSatisfy(id -> assertThat(calls.get(id).get()).as(id).isEqualTo(1));
      assertThat(a.healthy()).isTrue();
      assertThat(first.find("examhub.loop.restarts").counter().count()).as("restarts of the first worker").isZero();
    }
  }

  private Dispatch dispatch(String group, DurableProducer producer, MongoClient client, SimpleMeterRegistry registry) {
    return new Dispatch(List.of(new CountingPartner()), TestKafka.bootstrapServers(), group, producer,
        client.getDatabase("examhub"), "test", p -> new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)),
        DeadLetterListener.NONE, registry, Clock.systemUTC(), Duration.ofSeconds(15));
  }

  private void sendBatch(DurableProducer producer, List<String> sent, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      JsonNode payload = Json.MAPPER.valueToTree(Map.of("run", run, "n", sent.size()));
      Command c = Wire.command("demo", Partner.PROVIEW, "fetch-session", payload, "test", Instant.now());
      producer.send(Topics.COMMANDS_PROVIEW, "demo/" + sent.size(), c).get();
      sent.add(c.commandId());
    }
  }

  /** Counts the calls each of this run's commands gets; a little slow, so rebalances meet work. */
  private final class CountingPartner implements PartnerHandler {
    @Override
    public Partner partner() {
      return Partner.PROVIEW;
    }

    @Override
    public Result execute(Command command) {
      if (run.equals(Wire.payload(command).path("run").asText())) {
        calls.computeIfAbsent(command.commandId(), k -> new AtomicInteger()).incrementAndGet();
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new Result.Done();
    }
  }
}
