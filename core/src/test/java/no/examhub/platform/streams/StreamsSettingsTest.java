package no.examhub.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import no.examhub.platform.config.ExamhubConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The failover settings reach Kafka Streams: static membership, standby replicas, the session timeout. */
class StreamsSettingsTest {

  @Test
  void theMainConsumerJoinsWithTheInstanceIdAsItsStaticMemberId() {
    Properties p = StreamsSettings.of(ExamhubConfig.from(Map.of("EXAMHUB_INSTANCE_ID", "examhub-streams-1")), "kafka:9092");

    assertThat(p.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)))
        .isEqualTo("examhub-streams-1");
    // Streams makes one id per thread from it, so two threads of one instance never share one.
    Map<String, Object> thread1 = new StreamsConfig(p).getMainConsumerConfigs("examhub", "c", 1);
    assertThat(thread1.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("examhub-streams-1-1");
  }

  @Test
  void theDerivedInstanceIdIsUsedWhenNoneIsGiven() {
    ExamhubConfig config = ExamhubConfig.from(Map.of("HOSTNAME", "node-7"));

    assertThat(StreamsSettings.of(config, "kafka:9092")
        .get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)))
        .isEqualTo(config.instanceId()).asString().startsWith("node-7-");
  }

  @Test
  void standbyReplicasComeFromTheSetting() {
    Properties p = StreamsSettings.of(ExamhubConfig.from(Map.of("EXAMHUB_STANDBY_REPLICAS", "1")), "kafka:9092");

    assertThat(p.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
  }

  @Test
  void theMainConsumerTimesOutAKilledMemberAfterTheSessionTimeoutAndHeartbeatsEveryTenthOfIt() {
    Map<String, Object> consumer = new StreamsConfig(StreamsSettings.of(ExamhubConfig.defaults(), "kafka:9092"))
        .getMainConsumerConfigs("examhub", "c", 0);

    // Kafka's default is 45 s: a SIGKILLed instance's tasks would wait that long before moving.
    assertThat(consumer.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo(10_000);
    assertThat(consumer.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)).isEqualTo(1_000);
  }

  @Test
  void theSessionTimeoutComesFromTheSetting() {
    Map<String, Object> consumer = new StreamsConfig(StreamsSettings.of(
        ExamhubConfig.from(Map.of("EXAMHUB_SESSION_TIMEOUT", "PT30S")), "kafka:9092"))
        .getMainConsumerConfigs("examhub", "c", 0);

    assertThat(consumer.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo(30_000);
    assertThat(consumer.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)).isEqualTo(3_000);
  }
}
