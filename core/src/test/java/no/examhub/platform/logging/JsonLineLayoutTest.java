package no.examhub.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import no.examhub.platform.json.Json;
import org.junit.jupiter.api.Test;

class JsonLineLayoutTest {
  private final LoggerContext context = new LoggerContext();

  @Test
  void aLineIsOneJsonObjectWithTheMdcFieldsOfSeed003() {
    LoggingEvent event = event("command {} carried out", "register-appeal");
    event.setMDCPropertyMap(Map.of("env", "prod", "orgId", "uio", "submodule", "register-appeal",
        "vurdId", "INF1000-1", "kandidatnr", "101", "success", "true", "commandId", "c0ffee", "offset", "42"));

    JsonNode line = layout(event);

    assertThat(line.path("message").asText()).isEqualTo("command register-appeal carried out");
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("orgId").asText()).isEqualTo("uio");
    assertThat(line.path("vurdId").asText()).isEqualTo("INF1000-1");
    assertThat(line.path("kandidatnr").asText()).isEqualTo("101");
    assertThat(line.path("commandId").asText()).isEqualTo("c0ffee");
    assertThat(line.path("offset").asText()).isEqualTo("42");
  }

  @Test
  void aNationalIdInTheMessageOrAFieldIsRedacted() {
    LoggingEvent event = event("lookup of {} failed", "01019912345");
    event.setMDCPropertyMap(Map.of("errorMessage", "unknown person 010199 12345"));

    String text = new JsonLineLayout().doLayout(event);

    assertThat(text).doesNotContain("01019912345", "010199 12345").contains("<redacted>");
    assertThat(text).endsWith("\n").hasLineCount(1);
  }

  private LoggingEvent event(String message, Object argument) {
    return new LoggingEvent("test", context.getLogger("examhub.test"), Level.INFO, message, null,
        new Object[] {argument});
  }

  private static JsonNode layout(LoggingEvent event) {
    return Json.tree(new JsonLineLayout().doLayout(event).getBytes(StandardCharsets.UTF_8));
  }
}
