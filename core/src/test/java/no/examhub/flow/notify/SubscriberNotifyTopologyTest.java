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
import no.examhub.testing.RawFlow;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Specification of test-player notifications: Metrica events in, one notify-subscribers command each out. */
class SubscriberNotifyTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final String TEST_PUBLISHED = "{\"testId\":\"T-1001\",\"product\":\"linguaskill\"}";

  private RawFlow<Command> flow;

  @BeforeEach
  void setUp() {
    flow = RawFlow.of("notify-test", Topics.RAW_METRICA, Topics.COMMANDS_METRICA,
        builder -> SubscriberNotifyTopology.addTo(builder, ExamhubConfig.defaults(),
            MetricaNotifications::notifyCommand));
  }

  @AfterEach
  void tearDown() {
    flow.close();
  }

  @Test
  void publishedTestEmitsOneNotifySubscribersCommandOnTheEventsKey() {
    flow.raw().pipeInput("tests/T-1001", metrica("req-1", TEST_PUBLISHED), T0);

    var out = flow.out().readKeyValue();
    assertThat(out.key).isEqualTo("tests/T-1001");
    assertThat(out.value.partner()).isEqualTo(Partner.METRICA);
    assertThat(out.value.operation()).isEqualTo("notify-subscribers");
    assertThat(Wire.payload(out.value).path("kind").asText()).isEqualTo("tests");
    assertThat(Wire.payload(out.value).path("event").path("testId").asText()).isEqualTo("T-1001");
    assertThat(out.value.causationId()).isEqualTo("req-1");
    assertThat(flow.out().isEmpty()).isTrue();
  }

  @Test
  void resultsAndFeedbackCarryTheirKind() {
    flow.raw().pipeInput("results/TI-1", metrica("req-1", "{\"testInstanceId\":\"TI-1\"}"), T0);
    flow.raw().pipeInput("feedback/TI-1", metrica("req-2", "{\"testInstanceId\":\"TI-1\"}"), T0);

    assertThat(flow.out().readValuesToList()).extracting(c -> Wire.payload(c).path("kind").asText())
        .containsExactly("results", "feedback");
  }

  @Test
  void theSameEventSentTwiceIsOneCommand() {
    flow.raw().pipeInput("tests/T-1001", metrica("req-1", TEST_PUBLISHED), T0);
    flow.raw().pipeInput("tests/T-1001", metrica("metrica-resend", TEST_PUBLISHED), T0.plusSeconds(10));

    assertThat(flow.out().readValuesToList()).hasSize(1);
  }

  @Test
  void unreadableEventGoesToTheDeadLetters() {
    flow.raw().pipeInput("tests/T-1001", metrica("req-1", "{not json"), T0);

    assertThat(flow.out().isEmpty()).isTrue();
    assertThat(flow.deadLetters().readValue().stage()).isEqualTo("metrica-notify-normalise");
  }

  private static RawRequest metrica(String requestId, String body) {
    return new RawRequest(requestId, "metrica", "cambridge", T0, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }
}
