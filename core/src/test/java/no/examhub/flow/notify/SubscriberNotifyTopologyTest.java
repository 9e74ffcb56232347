package no.examhub.flow.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.partner.metrica.MetricaNotifications;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.streams.DeadLetter;
import no.examhub.testing.Drivers;
import no.examhub.testing.Wire;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Specification of test-player notifications: Metrica events in, one notify-subscribers command each out. */
class SubscriberNotifyTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final String TEST_PUBLISHED = "{\"testId\":\"T-1001\",\"product\":\"linguaskill\"}";

  private TopologyTestDriver driver;
  private TestInputTopic<String, RawRequest> raw;
  private TestOutputTopic<String, Command> commands;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @BeforeEach
  void setUp() {
    driver = Drivers.of("notify-test", builder -> SubscriberNotifyTopology.addTo(builder, ExamhubConfig.defaults(),
        MetricaNotifications::notifyCommand));
    raw = Drivers.input(driver, Topics.RAW_METRICA);
    commands = Drivers.output(driver, Topics.COMMANDS_METRICA);
    deadLetters = Drivers.output(driver, Topics.DEAD_LETTERS);
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void publishedTestEmitsOneNotifySubscribersCommandOnTheEventsKey() {
    raw.pipeInput("tests/T-1001", metrica("req-1", TEST_PUBLISHED), T0);

    var out = commands.readKeyValue();
    assertThat(out.key).isEqualTo("tests/T-1001");
    assertThat(out.value.partner()).isEqualTo(Partner.METRICA);
    assertThat(out.value.operation()).isEqualTo("notify-subscribers");
    assertThat(Wire.payload(out.value).path("kind").asText()).isEqualTo("tests");
    assertThat(Wire.payload(out.value).path("event").path("testId").asText()).isEqualTo("T-1001");
    assertThat(out.value.causationId()).isEqualTo("req-1");
    assertThat(commands.isEmpty()).isTrue();
  }

  @Test
  void resultsAndFeedbackCarryTheirKind() {
    raw.pipeInput("results/TI-1", metrica("req-1", "{\"testInstanceId\":\"TI-1\"}"), T0);
    raw.pipeInput("feedback/TI-1", metrica("req-2", "{\"testInstanceId\":\"TI-1\"}"), T0);

    assertThat(commands.readValuesToList()).extracting(c -> Wire.payload(c).path("kind").asText())
        .containsExactly("results", "feedback");
  }

  @Test
  void theSameEventSentTwiceIsOneCommand() {
    raw.pipeInput("tests/T-1001", metrica("req-1", TEST_PUBLISHED), T0);
    raw.pipeInput("tests/T-1001", metrica("metrica-resend", TEST_PUBLISHED), T0.plusSeconds(10));

    assertThat(commands.readValuesToList()).hasSize(1);
  }

  @Test
  void unreadableEventGoesToTheDeadLetters() {
    raw.pipeInput("tests/T-1001", metrica("req-1", "{not json"), T0);

    assertThat(commands.isEmpty()).isTrue();
    assertThat(deadLetters.readValue().stage()).isEqualTo("metrica-notify-normalise");
  }

  private static RawRequest metrica(String requestId, String body) {
    return new RawRequest(requestId, "metrica", "cambridge", T0, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }
}
