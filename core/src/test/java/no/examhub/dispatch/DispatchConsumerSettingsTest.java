package no.examhub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/**
 * A dispatch worker is a dynamic member of its partner's group: when its instance is killed, its
 * command partitions move to another instance's worker only after the session timeout.
 */
class DispatchConsumerSettingsTest {

  @Test
  void aKilledWorkersCommandPartitionsMoveAfterTheConfiguredSessionTimeout() {
    Properties p = Dispatch.consumerSettings("kafka:9092", "examhub-dispatch-inspera", "examhub-dispatch-inspera",
        Duration.ofSeconds(15),
        Duration.ofSeconds(10));

    assertThat(p.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo(10_000);
    assertThat(p.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)).isEqualTo(1_000);
    // What was there before still holds: commands only from committed transactions.
    assertThat(p.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
  }
}
