package no.examhub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import no.examhub.event.Command;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Result;
import no.examhub.event.Topics;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.partner.proview.ProviewHandler;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.SimulatorServer;
import no.examhub.simulator.script.PartnerScript;
import no.examhub.testing.TestKafka;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.Test;

/**
 * A worker that dies between the partner's answer and its execution record (the one gap no
 * record can close) has its command redelivered to the next worker, which calls the partner again
 * with the same Idempotency-Key: the partner applies it once, and one outcome follows.
 */
class WorkerCrashTest {
  private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

  /** What a killed JVM would do to the worker thread: no catch block of the worker sees it. */
  static final class SimulatedCrash extends Error {
    SimulatedCrash() {
      super("worker killed after the partner answered", null, false, false);
    }
  }

  @Test
  void aWorkerKilledBetweenThePartnersAnswerAndItsRecordCallsAgainWithTheSameKeyAndThePartnerAppliesItOnce()
      throws Exception {
    TestKafka.withExamhubTopics();
    String group = "crash-" + UUID.randomUUID();
    String uuid = UUID.randomUUID().toString();
    try (SimulatorServer simulators = SimulatorServer.start("127.0.0.1", 0);
        EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.uri());
        DurableProducer producer = new DurableProducer(TestKafka.bootstrapServers(), "crash-test", 5000, REGISTRY)) {
      String simulatorsBase = "http://127.0.0.1:" + simulators.port();
      DemoData.seed(client.getDatabase("examhub"));
      AtomicBoolean crashed = new AtomicBoolean();
      PartnerHandler crashingOnce = crashAfterAnswer(proview(simulatorsBase, client), crashed, uuid);
      Command fetch = Wire.command("demo", Partner.PROVIEW, Operations.FETCH_SESSION,
          Json.MAPPER.valueToTree(Map.of("sessionUuid", uuid, "externalId", "5506693")), "test", Instant.now());

      Dispatch first = dispatch(crashingOnce, group, producer, client).start();
      producer.send(Topics.COMMANDS_PROVIEW, "demo/" + uuid, fetch).get();
      awaitCrash(crashed);
      first.close();
      try (Dispatch second = dispatch(proview(simulatorsBase, client), group, producer, client).start()) {
        List<Outcome> outcomes = TopicReader.readUntil(TestKafka.bootstrapServers(), Topics.OUTCOMES,
            o -> o.commandId().equals(fetch.commandId()), 2, Duration.ofSeconds(30));

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.success()).isTrue());
      }
      List<PartnerScript.Call> sessionCalls = simulators.proview().script().calls().stream()
          .filter(c -> c.path().endsWith(uuid)).toList();
      assertThat(sessionCalls).hasSize(2)
          .allSatisfy(c -> assertThat(c.idempotencyKey()).isEqualTo(fetch.commandId()));
      assertThat(sessionCalls).filteredOn(PartnerScript.Call::applied).hasSize(1);
    }
  }

  /** The demo institution's own Talview account (DemoData's), on the simulators. */
  private static PartnerHandler proview(String simulatorsBase, MongoClient client) {
    MongoDatabase database = client.getDatabase("examhub");
    return new ProviewHandler(new PartnerHttp(Duration.ofSeconds(2), Duration.ofSeconds(5)),
        new InstitutionDirectory(new InstitutionRepository(database), Duration.ofMinutes(1)),
        new PartnerCredentialsRepository(database, Duration.ofMinutes(1)),
        new PartnerEndpoints(new PartnerEndpoints.Overrides("", "", "", "", "", "", Optional.of(simulatorsBase))),
        Clock.systemUTC());
  }

  /** Calls the partner for real, then dies before the worker can record it, once, for this session. */
  private static PartnerHandler crashAfterAnswer(PartnerHandler real, AtomicBoolean crashed, String uuid) {
    return new PartnerHandler() {
      @Override
      public Partner partner() {
        return real.partner();
      }

      @Override
      public Result execute(Command command) throws PartnerFailure {
        Result answer = real.execute(command);
        if (uuid.equals(Wire.payload(command).path("sessionUuid").asText()) && crashed.compareAndSet(false, true)) {
          throw new SimulatedCrash();
        }
        return answer;
      }
    };
  }

  private static Dispatch dispatch(PartnerHandler handler, String group, DurableProducer producer, MongoClient client) {
    return new Dispatch(List.of(handler), TestKafka.bootstrapServers(), group, producer, client.getDatabase("examhub"),
        "test", p -> new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)), DeadLetterListener.NONE,
        REGISTRY, Clock.systemUTC(), Duration.ofSeconds(15));
  }

  private static void awaitCrash(AtomicBoolean crashed) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!crashed.get() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(crashed).as("the first worker reached the partner and died").isTrue();
  }
}
