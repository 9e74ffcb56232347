package no.examhub.partner.metrica;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.platform.http.ReadinessCheck;
import no.examhub.platform.kafka.KafkaSettings;
import no.examhub.platform.process.SupervisedLoop;
import no.examhub.testing.Eventually;
import no.examhub.testing.TestKafka;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A results feed that dies under the queue (here its consumer is woken up while it follows the
 * topics, which the feed takes for a fault since nobody closed it) is restarted with a new
 * consumer: the restart is counted on {@code metrica-queue-feed}, readiness {@code metrica-queue}
 * says DOWN until the new run is up, and the queue again hands out a results event published
 * after the restart. Other tests' results events on the shared topic are skipped by their id.
 */
class ResultsQueueFeedSupervisionTest {
  private final String bootstrap = TestKafka.bootstrapServers();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  // A lock that outlasts the test keeps every other test's event hidden once skipped.
  private final ResultsQueue queue = new ResultsQueue(Clock.systemUTC(), Duration.ofMinutes(10), 1_000_000, registry);
  private final List<MessageId> ours = new CopyOnWriteArrayList<>();

  @Test
  void aFeedThatDiesIsRestartedCountedReportedAndTheQueueServesNewEventsAgain() {
    TestKafka.withTopics(List.of(Topics.RAW_METRICA, Topics.METRICA_QUEUE_ACKS));
    List<Consumer<byte[], byte[]>> consumers = new CopyOnWriteArrayList<>();
    Map<Integer, String> readinessWhenBuilt = new ConcurrentHashMap<>();
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<ReadinessCheck> readiness = new AtomicReference<>();
    SupervisedLoop feed = MetricaRoutes.feed(() -> {
      int run = runs.incrementAndGet();
      if (readiness.get() != null) {
        readinessWhenBuilt.put(run, readiness.get().state());
      }
      Consumer<byte[], byte[]> consumer = ResultsQueueFeed.consumer(bootstrap);
      consumers.add(consumer);
      return new ResultsQueueFeed(consumer, queue);
    }, registry, Clock.systemUTC());
    readiness.set(MetricaRoutes.readiness(feed, queue));

    try (SupervisedLoop running = feed.start()) {
      Eventually.holds(Duration.ofSeconds(30), () -> ReadinessCheck.UP.equals(readiness.get().state()));
      assertThat(restarts()).isZero();

      consumers.get(0).wakeup(); // the first run dies underneath the queue

      Eventually.holds(Duration.ofSeconds(10), () -> restarts() == 1 && readinessWhenBuilt.containsKey(2));
      assertThat(readinessWhenBuilt.get(2)).as("readiness while the feed was down").isEqualTo(ReadinessCheck.DOWN);
      Eventually.holds(Duration.ofSeconds(30), () -> ReadinessCheck.UP.equals(readiness.get().state()));
      assertThat(runs.get()).isEqualTo(2);

      String eventId = MetricaEventRoutes.RESULTS + "/TI-" + UUID.randomUUID();
      publish(eventId);

      Eventually.holds(Duration.ofSeconds(15), () -> lockOurs().isPresent());
      assertThat(restarts()).isEqualTo(1);
    }
  }

  private double restarts() {
    return registry.counter("examhub.loop.restarts", "loop", "metrica-queue-feed").count();
  }

  /** Locks the oldest visible events until it meets the one this test published. */
  private Optional<ResultsQueue.Locked> lockOurs() {
    for (Optional<ResultsQueue.Locked> next = queue.lockOldest(); next.isPresent(); next = queue.lockOldest()) {
      if (ours.contains(next.get().messageId())) {
        return next;
      }
    }
    return Optional.empty();
  }

  private void publish(String eventId) {
    RawRequest raw = new RawRequest(UUID.randomUUID().toString(), "metrica", "cambridge", Instant.now(), Map.of(),
        "{}".getBytes(StandardCharsets.UTF_8));
    try (var producer = new KafkaProducer<>(KafkaSettings.durableProducer(bootstrap, "feed-supervision-test", 5000),
        Topics.RAW_METRICA.keySerde().serializer(), Topics.RAW_METRICA.valueSerde().serializer())) {
      var sent = producer.send(new ProducerRecord<>(Topics.RAW_METRICA.name(), eventId, raw)).get();
      ours.add(new MessageId(sent.partition(), sent.offset()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish a results event", e);
    }
  }
}
