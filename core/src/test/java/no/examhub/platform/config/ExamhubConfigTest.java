package no.examhub.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExamhubConfigTest {
  @Test
  void withNoEnvironmentEverythingIsEmbeddedOnLoopback() {
    ExamhubConfig config = ExamhubConfig.from(Map.of());

    assertThat(config.embeddedKafka()).isTrue();
    assertThat(config.embeddedMongo()).isTrue();
    assertThat(config.simulatorsEnabled()).isTrue();
    assertThat(config.httpHost()).isEqualTo("127.0.0.1");
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.ackTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.dedupRetention()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void withExternalKafkaAndMongoNothingIsEmbeddedOrSimulated() {
    ExamhubConfig config = ExamhubConfig.from(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "MONGODB_URI", "mongodb://mongodb:27017",
        // Required without simulators (issue 12: access codes keyed with a server-held key).
        "EXAMHUB_ACCESS_CODE_KEY", "k".repeat(32)));

    assertThat(config.embeddedKafka()).isFalse();
    assertThat(config.embeddedMongo()).isFalse();
    assertThat(config.simulatorsEnabled()).isFalse();
    assertThat(config.kafkaBootstrapServers()).contains("kafka:9092");
  }

  @Test
  void everyInvalidVariableIsReportedAtOnce() {
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of(
        "EXAMHUB_HTTP_PORT", "eighty", "EXAMHUB_ACK_TIMEOUT", "5 seconds", "EXAMHUB_TOPIC_PARTITIONS", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("EXAMHUB_HTTP_PORT=eighty")
        .hasMessageContaining("EXAMHUB_ACK_TIMEOUT=5 seconds")
        .hasMessageContaining("EXAMHUB_TOPIC_PARTITIONS=0");
  }

  @Test
  void theSessionTimeoutIsTenSecondsByDefaultAndStaysWithinWhatTheBrokerAccepts() {
    assertThat(ExamhubConfig.defaults().sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(ExamhubConfig.from(Map.of("EXAMHUB_SESSION_TIMEOUT", "PT6S")).sessionTimeout())
        .isEqualTo(Duration.ofSeconds(6));
    assertThat(ExamhubConfig.from(Map.of("EXAMHUB_SESSION_TIMEOUT", "PT60S")).sessionTimeout())
        .isEqualTo(Duration.ofSeconds(60));

    // Under the broker's group.min.session.timeout.ms every join would be refused; above a minute
    // a crash would stall processing longer than any failover target.
    for (String refused : new String[] {"PT5.9S", "PT61S", "PT0S", "ten seconds"}) {
      assertThatThrownBy(() -> ExamhubConfig.from(Map.of("EXAMHUB_SESSION_TIMEOUT", refused)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("EXAMHUB_SESSION_TIMEOUT=" + refused);
    }
  }

  @Test
  void standbyReplicasMayBeZeroButNotNegativeAndTheCommitIntervalMustBePositive() {
    ExamhubConfig config = ExamhubConfig.from(Map.of("EXAMHUB_STANDBY_REPLICAS", "1", "EXAMHUB_COMMIT_INTERVAL", "PT0.05S"));
    assertThat(config.standbyReplicas()).isEqualTo(1);
    assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(ExamhubConfig.defaults().standbyReplicas()).isZero();

    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("EXAMHUB_STANDBY_REPLICAS", "-1", "EXAMHUB_COMMIT_INTERVAL", "PT0S")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("EXAMHUB_STANDBY_REPLICAS=-1")
        .hasMessageContaining("EXAMHUB_COMMIT_INTERVAL=PT0S");
  }

  @Test
  void theStreamsUrlIsABaseUrlForAnInstanceWithoutStreamsOnly() {
    assertThat(ExamhubConfig.defaults().streamsUrl()).isEmpty();
    assertThat(ExamhubConfig.from(Map.of("EXAMHUB_ROLES", "ingress", "EXAMHUB_STREAMS_URL", "http://streams-1:8080/"))
        .streamsUrl()).contains("http://streams-1:8080");

    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("EXAMHUB_ROLES", "ingress", "EXAMHUB_STREAMS_URL",
        "http://streams-1:8080/api"))).isInstanceOf(ConfigException.class).hasMessageContaining("with no path");
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("EXAMHUB_STREAMS_URL", "http://streams-1:8080")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("only for an instance without streams");
  }

  @Test
  void everySettingHasADescriptionAndAValidDefault() {
    assertThat(ExamhubConfig.SETTINGS).allSatisfy(s -> assertThat(s.description()).isNotBlank());
    assertThat(ExamhubConfig.defaults()).isNotNull();
  }

  @Test
  void aBodyLimitThatWouldNotFitInOneKafkaRecordIsRefused() {
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("EXAMHUB_MAX_BODY_BYTES", "1048576")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("EXAMHUB_MAX_BODY_BYTES=1048576: must be 1-720000");
    assertThat(ExamhubConfig.from(Map.of("EXAMHUB_MAX_BODY_BYTES", "65536")).maxBodyBytes()).isEqualTo(65536);
  }
}
