package no.examhub.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import no.examhub.event.Alert;
import no.examhub.event.Topics;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.process.SupervisedLoop;
import no.examhub.testing.Eventually;
import no.examhub.testing.TestKafka;
import org.junit.jupiter.api.Test;

/**
 * The consumer of {@code examhub.alerts} on a real broker: an alert whose handling throws ends the
 * consumer's run, and the supervised loop {@code alerts-consumer} builds a new one, counted and
 * reported, which goes on delivering alerts. Before, the thread ended with one log line.
 */
class AlertConsumerSupervisionTest {
  private final String bootstrap = TestKafka.bootstrapServers();
  private final String run = UUID.randomUUID().toString();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void anAlertWhoseHandlingThrowsRestartsTheConsumerWhichThenDeliversTheNextAlerts() {
    TestKafka.withTopics(List.of(Topics.ALERTS));
    AtomicBoolean faultInjected = new AtomicBoolean();
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    SupervisedLoop loop = Alerts.consumerLoop(bootstrap, "alert-supervision-" + run, alert -> {
      if (!run.equals(alert.institution())) {
        return; // Another test's alert on the shared broker.
      }
      if (faultInjected.compareAndSet(false, true)) {
        throw new IllegalStateException("injected fault");
      }
      delivered.add(alert.reference());
    }, registry, Clock.systemUTC());

    try (loop; DurableProducer producer = new DurableProducer(bootstrap, "alert-supervision-test", 5_000,
        new SimpleMeterRegistry())) {
      loop.start();
      // The group starts at the latest offset once it has joined: send until alerts come through.
      AtomicBoolean sawDown = new AtomicBoolean();
      int[] polls = {0};
      Eventually.holds(Duration.ofSeconds(60), () -> {
        sawDown.compareAndSet(false, faultInjected.get() && !loop.healthy());
        if (polls[0]++ % 10 == 0) { // An alert every half second, the health every 50 ms.
          producer.send(Topics.ALERTS, run, new Alert("supervision-test", run, "error", "s", "ref-" + polls[0],
              Instant.now()));
        }
        return delivered.size() >= 3;
      });

      assertThat(faultInjected).isTrue();
      assertThat(sawDown).as("readiness reported the consumer down while it restarted").isTrue();
      assertThat(registry.counter("examhub.loop.restarts", "loop", "alerts-consumer").count()).isEqualTo(1);
      Eventually.holds(Duration.ofSeconds(5), loop::healthy);
    }
  }
}
