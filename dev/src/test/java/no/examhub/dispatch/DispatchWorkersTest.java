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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * EXAMHUB_DISPATCH_WORKERS: several workers of one partner in one instance share its command
 * partitions, so calls to a slow partner overlap, while one case's commands (one key, one
 * partition) are still carried out one after the other, and each command once.
 */
class DispatchWorkersTest {
  private static final int WORKERS = 3;
  private static final int CASES = 12;
  private static final int COMMANDS_PER_CASE = 2;

  private final String run = UUID.randomUUID().toString();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Set<String> casesInCall = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inCall = new AtomicInteger();
  private final AtomicInteger mostInCall = new AtomicInteger();
  private final AtomicInteger sameCaseOverlaps = new AtomicInteger();

  @Test
  void threeWorkersCallASlowPartnerConcurrentlyButOneCaseAtATimeAndEachCommandOnce() throws Exception {
    TestKafka.withExamhubTopics();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<String> sent = new ArrayList<>();
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(); MongoClient client = MongoClients.create(mongo.uri());
        DurableProducer producer = new DurableProducer(TestKafka.bootstrapServers(), "workers-test", 5000,
            new SimpleMeterRegistry());
        Dispatch dispatch = new Dispatch(List.of(new SlowPartner()), TestKafka.bootstrapServers(), "workers-" + run,
            producer, client.getDatabase("examhub"), "test",
            p -> new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)), DeadLetterListener.NONE, registry,
            Clock.systemUTC(), Duration.ofSeconds(15), Duration.ofSeconds(10), WORKERS).start()) {
      // Sent before the group has settled, the commands may all be done by the first worker to join.
      awaitEveryWorkerAssigned(Dispatch.groupOf("workers-" + run, Partner.PROVIEW));
      for (int n = 0; n < COMMANDS_PER_CASE; n++) {
        for (int c = 0; c < CASES; c++) {
          JsonNode payload = Json.MAPPER.valueToTree(Map.of("run", run, "case", c, "n", n));
          Command command = Wire.command("demo", Partner.PROVIEW, "fetch-session", payload, "test", Instant.now());
          producer.send(Topics.COMMANDS_PROVIEW, "demo/case-" + c, command).get();
          sent.add(command.commandId());
        }
      }

      Eventually.holds(Duration.ofSeconds(90), () -> sent.stream().allMatch(calls::containsKey));
      assertThat(sent).allSatisfy(id -> assertThat(calls.get(id).get()).as(id).isEqualTo(1));
      assertThat(mostInCall.get()).as("calls in flight at once (one worker: never more than 1)").isGreaterThan(1);
      assertThat(sameCaseOverlaps.get()).as("calls of one case that overlapped").isZero();
      assertThat(registry.find("examhub.loop.restarts").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
      assertThat(dispatch.healthy()).isTrue();
    }
  }

  private static void awaitEveryWorkerAssigned(String group) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
      Eventually.holds(Duration.ofSeconds(60), () -> {
        try {
          var members = admin.describeConsumerGroups(List.of(group)).all().get().get(group).members();
          return members.size() == WORKERS
              && members.stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty());
        } catch (InterruptedException | ExecutionException e) {
          return false;
        }
      });
    }
  }

  /** Takes 150 ms a call, counting how many calls overlap, and whether two of one case ever do. */
  private final class SlowPartner implements PartnerHandler {
    @Override
    public Partner partner() {
      return Partner.PROVIEW;
    }

    @Override
    public Result execute(Command command) {
      JsonNode payload = Wire.payload(command);
      if (!run.equals(payload.path("run").asText())) {
        return new Result.Done();
      }
      String theCase = payload.path("case").asText();
      if (!casesInCall.add(theCase)) {
        sameCaseOverlaps.incrementAndGet();
      }
      mostInCall.accumulateAndGet(inCall.incrementAndGet(), Math::max);
      try {
        Thread.sleep(150);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inCall.decrementAndGet();
        casesInCall.remove(theCase);
      }
      calls.computeIfAbsent(command.commandId(), k -> new AtomicInteger()).incrementAndGet();
      return new Result.Done();
    }
  }
}
