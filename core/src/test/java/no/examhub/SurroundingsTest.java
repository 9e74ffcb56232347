package no.examhub;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import no.examhub.platform.config.ConfigException;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.testing.TestKafka;
import org.junit.jupiter.api.Test;

/**
 * A production Examhub ({@code Surroundings.NONE}) starts nothing of the embedded default: a
 * configuration that leaves the broker, the store or the partners to it is refused, clearly.
 */
class SurroundingsTest {
  private static final String KEY = "k".repeat(32);

  @Test
  void withoutABrokerAProductionExamhubRefusesToStartAndSaysWhatIsMissing() {
    ExamhubConfig config = ExamhubConfig.from(Map.of("EXAMHUB_SIMULATORS", "false", "EXAMHUB_ACCESS_CODE_KEY", KEY,
        "EXAMHUB_HTTP_PORT", "0"));

    assertThatThrownBy(() -> Examhub.start(config)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS is not set");
  }

  @Test
  void withoutAStoreAProductionExamhubRefusesToStartAndSaysWhatIsMissing() {
    ExamhubConfig config = ExamhubConfig.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
        "EXAMHUB_SIMULATORS", "false", "EXAMHUB_ACCESS_CODE_KEY", KEY, "EXAMHUB_HTTP_PORT", "0"));

    assertThatThrownBy(() -> Examhub.start(config)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("MONGODB_URI is not set");
  }
}
