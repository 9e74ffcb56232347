package no.examhub.partner.proctoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import no.examhub.platform.config.ConfigException;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.crypto.Hmac;
import org.junit.jupiter.api.Test;

/** Access codes are kept as an HMAC under a server-held key, not as a hash anyone can recompute. */
class AccessCodeKeyTest {
  private static final String KEY = "a-server-held-key-of-32-characters!";

  @Test
  void theStoredValueIsAKeyedMacNotThePlainHash() {
    AccessCodeKey key = new AccessCodeKey(KEY);

    assertThat(key.mac("1234")).isNotEqualTo(Hmac.sha256Hex("1234")).hasSize(64);
    assertThat(key.mac("1234")).isNotEqualTo(new AccessCodeKey(KEY + "x").mac("1234"));
    assertThat(key.matches(key.mac("1234"), "1234")).isTrue();
    assertThat(key.matches(key.mac("1234"), "1235")).isFalse();
    assertThat(key.matches(Hmac.sha256Hex("1234"), "1234")).isFalse();
    assertThat(key.matches(null, "1234")).isFalse();
  }

  @Test
  void withoutSimulatorsTheKeyIsRequiredAndLongEnough() {
    Map<String, String> production = Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "MONGODB_URI", "mongodb://m");

    assertThatThrownBy(() -> ExamhubConfig.from(production)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("EXAMHUB_ACCESS_CODE_KEY");
    Map<String, String> shortKey = new java.util.HashMap<>(production);
    shortKey.put("EXAMHUB_ACCESS_CODE_KEY", "too-short");
    assertThatThrownBy(() -> ExamhubConfig.from(shortKey)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("at least 32").hasMessageNotContaining("too-short");
    Map<String, String> keyed = new java.util.HashMap<>(production);
    keyed.put("EXAMHUB_ACCESS_CODE_KEY", KEY);
    assertThat(AccessCodeKey.of(ExamhubConfig.from(keyed)).mac("1")).isEqualTo(new AccessCodeKey(KEY).mac("1"));
  }

  @Test
  void theEmbeddedDefaultGeneratesAKeyOnceAndKeepsIt() throws Exception {
    Path dir = Files.createTempDirectory("access-code-key");
    ExamhubConfig embedded = ExamhubConfig.from(Map.of("EXAMHUB_DATA_DIR", dir.toString()));

    String first = AccessCodeKey.of(embedded).mac("1234");

    assertThat(Files.exists(dir.resolve(AccessCodeKey.FILE))).isTrue();
    assertThat(AccessCodeKey.of(embedded).mac("1234")).isEqualTo(first);
  }
}
