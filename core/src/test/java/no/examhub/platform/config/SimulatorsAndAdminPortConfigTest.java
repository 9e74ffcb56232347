package no.examhub.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fake partners never write into a real store: simulators beside an external broker or store are
 * refused unless forced. The admin listener's port is checked against the public one and against
 * the URL other instances forward operator calls to.
 */
class SimulatorsAndAdminPortConfigTest {
  private static final String KAFKA = "kafka.prod.example:9092";
  private static final String MONGO = "mongodb://mongo.prod.example:27017";

  @Test
  void simulatorsAgainstAnExternalBrokerAndStoreAreRefusedWithTheReason() {
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA, "MONGODB_URI", MONGO,
        "EXAMHUB_SIMULATORS", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("EXAMHUB_SIMULATORS=true")
        .hasMessageContaining("broker (KAFKA_BOOTSTRAP_SERVERS) and store (MONGODB_URI)")
        .hasMessageContaining("EXAMHUB_SIMULATORS_FORCE=true")
        .hasMessageNotContaining(MONGO);
  }

  @Test
  void eitherExternalOneIsEnough() {
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("MONGODB_URI", MONGO, "EXAMHUB_SIMULATORS", "true")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("store (MONGODB_URI)")
        .hasMessageNotContaining("KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA, "EXAMHUB_SIMULATORS", "yes")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("broker (KAFKA_BOOTSTRAP_SERVERS)");
  }

  @Test
  void forcedSimulatorsAgainstExternalStoresStart() {
    ExamhubConfig config = ExamhubConfig.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA, "MONGODB_URI", MONGO,
        "EXAMHUB_SIMULATORS", "true", "EXAMHUB_SIMULATORS_FORCE", "true"));

    assertThat(config.simulatorsEnabled()).isTrue();
  }

  @Test
  void theEmbeddedDefaultAndExternalStoresWithoutSimulatorsNeedNoForce() {
    assertThat(ExamhubConfig.from(Map.of()).simulatorsEnabled()).isTrue();
    assertThat(ExamhubConfig.from(Map.of("EXAMHUB_SIMULATORS", "true")).simulatorsEnabled()).isTrue();
    assertThat(ExamhubConfig.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA, "MONGODB_URI", MONGO,
        "EXAMHUB_ACCESS_CODE_KEY", "k".repeat(32))).simulatorsEnabled()).isFalse();
  }

  @Test
  void aMisspeltForceIsReported() {
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("MONGODB_URI", MONGO, "EXAMHUB_SIMULATORS", "true",
        "EXAMHUB_SIMULATORS_FORCE", "ja")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("EXAMHUB_SIMULATORS_FORCE=ja");
  }

  @Test
  void withoutAnAdminPortOneListenerServesEverything() {
    ExamhubConfig config = ExamhubConfig.defaults();

    assertThat(config.adminPort()).isEmpty();
    assertThat(config.advertisedEndpoint()).contains("http://127.0.0.1:8080");
  }

  @Test
  void withAnAdminPortOtherInstancesAreAdvertisedTheAdminPort() {
    ExamhubConfig config = ExamhubConfig.from(Map.of("EXAMHUB_ADMIN_PORT", "9080"));

    assertThat(config.adminPort()).contains(9080);
    assertThat(config.advertisedEndpoint()).contains("http://127.0.0.1:9080");
  }

  @Test
  void anAdminPortThatIsThePublicPortOrNotTheAdvertisedOneIsRefused() {
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("EXAMHUB_ADMIN_PORT", "8080")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("must differ from EXAMHUB_HTTP_PORT");
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("EXAMHUB_ADMIN_PORT", "9080",
        "EXAMHUB_ADVERTISED_URL", "http://examhub-1:8080")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("must name EXAMHUB_ADMIN_PORT (9080)");
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("EXAMHUB_ADMIN_PORT", "90800")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("EXAMHUB_ADMIN_PORT=90800");
  }
}
