package no.examhub.flow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamEventKinds;
import no.examhub.event.ExamSystem;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.institution.StandardSourceMapping;
import no.examhub.partner.standard.StandardWebhookNormaliser;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.streams.DeadLetter;
import no.examhub.testing.RawFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Specification of the Standard Webhooks intake: raw webhooks in, one exam event per webhook-id by
 * the source's mapping, or a dead letter that says why the mapping could not place it.
 */
class StandardIntakeTopologyTest {
  private static final Duration DEDUP_WINDOW = Duration.ofDays(30);
  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final StandardSourceMapping MAPPING = new StandardSourceMapping("/type", "/data/examId",
      "/data/kind", "/data/candidate", "", "/timestamp", ExamSystem.WISEFLOW,
      Map.of("appeal.decided", ExamEventKinds.APPEAL_DECISION, "grades.final", ExamEventKinds.FINAL_GRADES));
  private static final String DECIDED = "{\"type\": \"appeal.decided\", \"timestamp\": \"2026-11-20T10:00:00Z\","
      + " \"data\": {\"examId\": \"e-1\", \"kind\": \"exam\", \"candidate\": 1042}}";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private RawFlow<ExamEvent> flow;

  @BeforeEach
  void setUp() {
    Metrics.addRegistry(registry);
    flow = RawFlow.of("standard-intake-test", Topics.RAW_STANDARD, Topics.EXAM_EVENTS,
        builder -> StandardIntakeTopology.addTo(builder, ExamhubConfig.defaults().dedupRetention(),
            StandardWebhookNormaliser::normalise));
  }

  @AfterEach
  void tearDown() {
    flow.close();
    Metrics.removeRegistry(registry);
  }

  @Test
  void mappedWebhookBecomesTheExamhubEventItsSourceMapsItToKeyedByItsObject() {
    flow.raw().pipeInput("demo/partner/msg_1", webhook("demo", "partner", "msg_1", "req-1", DECIDED, MAPPING), T0);

    var out = flow.out().readKeyValue();
    assertThat(out.key).isEqualTo("demo/e-1");
    ExamEvent e = out.value;
    assertThat(e.institution()).isEqualTo("demo");
    assertThat(e.examSystem()).isEqualTo(ExamSystem.WISEFLOW);
    assertThat(e.event()).isEqualTo(ExamEventKinds.APPEAL_DECISION);
    assertThat(e.objectId()).isEqualTo("e-1");
    assertThat(e.objectType()).isEqualTo("exam");
    assertThat(e.associatedObjectId()).isEqualTo("1042");
    assertThat(e.associatedObjectType()).isEqualTo("candidate");
    assertThat(e.triggeringUserId()).isNull();
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertThat(e.requestId()).isEqualTo("req-1");
    assertThat(e.eventId()).hasSize(64);
  }

  @Test
  void theSameWebhookIdDeliveredAgainGivesOneEvent() {
    flow.raw().pipeInput("demo/partner/msg_2", webhook("demo", "partner", "msg_2", "first", DECIDED, MAPPING), T0);
    // A re-delivery has a new request id and arrival; its body may even differ (a new timestamp).
    flow.raw().pipeInput("demo/partner/msg_2", webhook("demo", "partner", "msg_2", "retry",
        DECIDED.replace("10:00:00Z", "10:05:00Z"), MAPPING), T0.plusSeconds(300));

    assertThat(flow.out().readValuesToList()).extracting(ExamEvent::requestId).containsExactly("first");
  }

  @Test
  void aRedeliveryGoesKeyedByItsObjectToTheRepeatsTopic() {
    flow.raw().pipeInput("demo/partner/msg_5", webhook("demo", "partner", "msg_5", "first", DECIDED, MAPPING), T0);
    flow.raw().pipeInput("demo/partner/msg_5", webhook("demo", "partner", "msg_5", "retry", DECIDED, MAPPING),
        T0.plusSeconds(60));

    var repeats = flow.driver().createOutputTopic(Topics.EXAM_EVENT_REPEATS.name(),
        Topics.EXAM_EVENT_REPEATS.keySerde().deserializer(), Topics.EXAM_EVENT_REPEATS.valueSerde().deserializer());
    assertThat(repeats.readKeyValuesToList()).extracting(kv -> kv.key, kv -> kv.value.requestId())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("demo/e-1", "retry"));
  }

  @Test
  void anotherWebhookIdWithTheSameBodyIsAnotherEvent() {
    flow.raw().pipeInput("demo/partner/msg_3", webhook("demo", "partner", "msg_3", "a", DECIDED, MAPPING), T0);
    flow.raw().pipeInput("demo/partner/msg_4", webhook("demo", "partner", "msg_4", "b", DECIDED, MAPPING), T0);

    assertThat(flow.out().readValuesToList()).hasSize(2);
  }

  @Test
  void theSameWebhookIdFromAnotherInstitutionOrSourceIsNotADuplicate() {
    flow.raw().pipeInput("demo/partner/msg_5", webhook("demo", "partner", "msg_5", "a", DECIDED, MAPPING), T0);
    flow.raw().pipeInput("other/partner/msg_5", webhook("other", "partner", "msg_5", "b", DECIDED, MAPPING), T0);
    flow.raw().pipeInput("demo/second/msg_5", webhook("demo", "second", "msg_5", "c", DECIDED, MAPPING), T0);

    assertThat(flow.out().readKeyValuesToList()).extracting(kv -> kv.key)
        .containsExactlyInAnyOrder("demo/e-1", "other/e-1", "demo/e-1");
  }

  @Test
  void aRedeliveryOlderThanTheDedupWindowPassesAgain() {
    flow.raw().pipeInput("demo/partner/msg_6", webhook("demo", "partner", "msg_6", "a", DECIDED, MAPPING), T0);
    flow.raw().pipeInput("demo/partner/msg_6", webhook("demo", "partner", "msg_6", "b", DECIDED, MAPPING),
        T0.plus(DEDUP_WINDOW).plus(Duration.ofDays(2)));

    assertThat(flow.out().readValuesToList()).hasSize(2);
  }

  @Test
  void aSourceSignedWithoutWebhookIdIsDeduplicatedByItsBody() {
    flow.raw().pipeInput("demo/legacy/req-a", webhook("demo", "legacy", "", "req-a", DECIDED, MAPPING), T0);
    flow.raw().pipeInput("demo/legacy/req-b", webhook("demo", "legacy", "", "req-b", DECIDED, MAPPING), T0);
    flow.raw().pipeInput("demo/legacy/req-c", webhook("demo", "legacy", "", "req-c",
        DECIDED.replace("e-1", "e-2"), MAPPING), T0);

    assertThat(flow.out().readValuesToList()).extracting(ExamEvent::requestId).containsExactly("req-a", "req-c");
  }

  @Test
  void aSourceWithoutMappingIsDeadLetteredWithItsReasonAndCounted() {
    double before = deadLettersCounted();

    flow.raw().pipeInput("demo/unmapped/msg_7", webhook("demo", "unmapped", "msg_7", "r", DECIDED, null), T0);

    DeadLetter letter = flow.deadLetters().readValue();
    assertThat(letter.errorCode()).isEqualTo("NO_MAPPING");
    assertThat(letter.reason()).contains("unmapped", "partners.standard");
    assertThat(letter.sourceTopic()).isEqualTo(Topics.RAW_STANDARD.name());
    assertThat(letter.stage()).isEqualTo("standard-normalise");
    assertThat(letter.payload()).isEqualTo(DECIDED);
    assertThat(flow.out().isEmpty()).isTrue();
    assertThat(deadLettersCounted()).isEqualTo(before + 1);
  }

  @Test
  void anEventTypeTheMappingDoesNotListIsDeadLetteredAndTheNextStillFlows() {
    flow.raw().pipeInput("demo/partner/msg_8", webhook("demo", "partner", "msg_8", "r",
        DECIDED.replace("appeal.decided", "exam.archived"), MAPPING), T0);
    flow.raw().pipeInput("demo/partner/msg_9", webhook("demo", "partner", "msg_9", "r",
        DECIDED.replace("appeal.decided", "grades.final"), MAPPING), T0);

    DeadLetter letter = flow.deadLetters().readValue();
    assertThat(letter.errorCode()).isEqualTo("UNMAPPED_EVENT");
    assertThat(letter.reason()).contains("exam.archived");
    assertThat(flow.out().readValuesToList()).extracting(ExamEvent::event).containsExactly(ExamEventKinds.FINAL_GRADES);
  }

  @Test
  void aWebhookWithoutTheMappedObjectIdIsDeadLettered() {
    flow.raw().pipeInput("demo/partner/msg_10", webhook("demo", "partner", "msg_10", "r",
        "{\"type\": \"appeal.decided\", \"data\": {}}", MAPPING), T0);

    DeadLetter letter = flow.deadLetters().readValue();
    assertThat(letter.errorCode()).isEqualTo("MISSING_FIELD");
    assertThat(letter.reason()).contains("/data/examId");
  }

  @Test
  void aBodyThatIsNoJsonIsDeadLettered() {
    flow.raw().pipeInput("demo/partner/msg_11", webhook("demo", "partner", "msg_11", "r", "{\"type\": ", MAPPING), T0);

    assertThat(flow.deadLetters().readValue().errorCode()).isEqualTo("MALFORMED_JSON");
  }

  @Test
  void aTimeThatIsNeitherIsoNorUnixSecondsIsDeadLettered() {
    flow.raw().pipeInput("demo/partner/msg_12", webhook("demo", "partner", "msg_12", "r",
        DECIDED.replace("2026-11-20T10:00:00Z", "yesterday"), MAPPING), T0);

    assertThat(flow.deadLetters().readValue().errorCode()).isEqualTo("BAD_TIMESTAMP");
  }

  @Test
  void unixSecondsAreReadAsTheEventsTime() {
    flow.raw().pipeInput("demo/partner/msg_13", webhook("demo", "partner", "msg_13", "r",
        DECIDED.replace("\"2026-11-20T10:00:00Z\"", "1795600000"), MAPPING), T0);

    assertThat(flow.out().readValue().occurredAt()).isEqualTo(Instant.ofEpochSecond(1795600000L));
  }

  @Test
  void aMappingToAnEventNoFlowKnowsOrWithoutPointersIsRefusedWhenConfigured() {
    assertThatThrownBy(() -> new StandardSourceMapping("/type", "/id", "", "", "", "", null,
        Map.of("x", "launch-rockets"))).hasMessageContaining("unknown Examhub event");
    assertThatThrownBy(() -> new StandardSourceMapping("type", "/id", "", "", "", "", null, Map.of()))
        .hasMessageContaining("JSON pointer");
    assertThatThrownBy(() -> new StandardSourceMapping("/type", "", "", "", "", "", null, Map.of()))
        .hasMessageContaining("objectId is required");
  }

  private double deadLettersCounted() {
    Counter c = registry.find("examhub.intake.dead.letters")
        .tags("source", Topics.RAW_STANDARD.name(), "stage", "standard-normalise").counter();
    return c == null ? 0 : c.count();
  }

  private static RawRequest webhook(String institution, String source, String webhookId, String requestId,
      String body, StandardSourceMapping mapping) {
    Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
    headers.putAll(StandardWebhookNormaliser.headers(source, webhookId, Optional.ofNullable(mapping)));
    return new RawRequest(requestId, "standard", institution, T0, headers, body.getBytes(StandardCharsets.UTF_8));
  }
}
