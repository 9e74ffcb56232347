package no.examhub.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the other instances reach this one: configured, derived from the bind address, or unknown. */
class AdvertisedUrlTest {
  @Test
  void aConfiguredUrlIsAdvertisedAsIs() {
    assertThat(config(Map.of("EXAMHUB_ADVERTISED_URL", "http://examhub-1:8080/")).advertisedEndpoint())
        .contains("http://examhub-1:8080");
  }

  @Test
  void withoutOneTheBindAddressAndPortAreAdvertisedAndAWildcardBecomesLoopback() {
    assertThat(config(Map.of()).advertisedEndpoint()).contains("http://127.0.0.1:8080");
    assertThat(config(Map.of("EXAMHUB_HTTP_HOST", "0.0.0.0", "EXAMHUB_HTTP_PORT", "9000")).advertisedEndpoint())
        .contains("http://127.0.0.1:9000");
  }

  @Test
  void aPortChosenAtBindTimeAdvertisesNothing() {
    assertThat(config(Map.of("EXAMHUB_HTTP_PORT", "0")).advertisedEndpoint()).isEmpty();
  }

  @Test
  void aUrlWithoutPortOrWithAPathStopsStartUp() {
    assertThatThrownBy(() -> config(Map.of("EXAMHUB_ADVERTISED_URL", "http://examhub-1")))
        .hasMessageContaining("EXAMHUB_ADVERTISED_URL");
    assertThatThrownBy(() -> config(Map.of("EXAMHUB_ADVERTISED_URL", "http://examhub-1:8080/api")))
        .hasMessageContaining("EXAMHUB_ADVERTISED_URL");
  }

  private static ExamhubConfig config(Map<String, String> env) {
    return ExamhubConfig.from(env);
  }
}
