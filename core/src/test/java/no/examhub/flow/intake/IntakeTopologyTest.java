package no.examhub.flow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import no.examhub.event.ExamEvent;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.partner.inspera.InsperaEventNames;
import no.examhub.partner.inspera.InsperaNormaliser;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.streams.DeadLetter;
import no.examhub.testing.RawFlow;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Specification of intake: raw Inspera webhooks in, deduplicated exam events or dead letters out. */
class IntakeTopologyTest {
  private static final Duration DEDUP_WINDOW = Duration.ofDays(30);
  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  private RawFlow<ExamEvent> flow;

  @BeforeEach
  void setUp() {
    flow = RawFlow.of("intake-test", Topics.RAW_INSPERA, Topics.EXAM_EVENTS,
        builder -> IntakeTopology.addTo(builder, ExamhubConfig.defaults().dedupRetention(),
            InsperaNormaliser::normalise));
  }

  @AfterEach
  void tearDown() {
    flow.close();
  }

  @Test
  void insperaWebhookBecomesANormalisedExamEventKeptOnItsTestsKey() {
    flow.raw().pipeInput("demo/35199862", webhook("req-1",
        "{\"contextObjectId\": 35199862, \"event\": \"confirm_final_grades\", \"timestamp\": \"2018-10-04T16:47:55Z\"}"), T0);

    var out = flow.out().readKeyValue();
    assertThat(out.key).isEqualTo("demo/35199862");
    assertThat(out.value.institution()).isEqualTo("demo");
    assertThat(out.value.event()).isEqualTo("final-grades");
    assertThat(out.value.objectId()).isEqualTo("35199862");
    assertThat(out.value.occurredAt()).isEqualTo(Instant.parse("2018-10-04T16:47:55Z"));
    assertThat(out.value.requestId()).isEqualTo("req-1");
    assertThat(out.value.eventId()).hasSize(64);
  }

  @Test
  void theSameWebhookRetriedGivesOneEvent() {
    String body = "{\"contextObjectId\": 7, \"event\": \"confirm_final_grades\", \"timestamp\": \"2018-10-04T16:47:55Z\"}";
    flow.raw().pipeInput("demo/7", webhook("first-delivery", body), T0);
    flow.raw().pipeInput("demo/7", webhook("inspera-retry", body), T0.plusSeconds(10));

    assertThat(flow.out().readValuesToList()).hasSize(1);
  }

  @Test
  void aRetriedWebhookGoesAsReceivedToTheRepeatsTopicAndNotOnToTheFlows() {
    String body = "{\"contextObjectId\": 7, \"event\": \"confirm_final_grades\", \"timestamp\": \"2018-10-04T16:47:55Z\"}";
    flow.raw().pipeInput("demo/7", webhook("first-delivery", body), T0);
    flow.raw().pipeInput("demo/7", webhook("inspera-retry", body), T0.plusSeconds(10));

    var repeats = flow.driver().createOutputTopic(Topics.EXAM_EVENT_REPEATS.name(),
        Topics.EXAM_EVENT_REPEATS.keySerde().deserializer(), Topics.EXAM_EVENT_REPEATS.valueSerde().deserializer());
    var repeat = repeats.readKeyValue();
    assertThat(repeat.key).isEqualTo("demo/7");
    assertThat(repeat.value.requestId()).isEqualTo("inspera-retry");
    assertThat(repeats.isEmpty()).isTrue();
    assertThat(flow.out().readValuesToList()).extracting(ExamEvent::requestId).containsExactly("first-delivery");
  }

  @Test
  void aChangedEventOnTheSameTestPasses() {
    flow.raw().pipeInput("demo/7", webhook("a", "{\"contextObjectId\": 7, \"event\": \"confirm_final_grades\", \"timestamp\": \"2018-10-04T16:47:55Z\"}"), T0);
    flow.raw().pipeInput("demo/7", webhook("b", "{\"contextObjectId\": 7, \"event\": \"confirm_final_grades\", \"timestamp\": \"2018-10-05T09:00:00Z\"}"), T0);

    assertThat(flow.out().readValuesToList()).hasSize(2);
  }

  /**
   * An instance being stopped takes a webhook, and its produce is still under way when the partner
   * gives up and sends it again to another instance, whose copy is on the topic first: the original
   * then arrives second with the earlier timestamp. Seen in the rolling-restart test on a cluster.
   */
  @Test
  void aRetryOnTheTopicBeforeTheOriginalWithItsEarlierTimestampStillGivesOneEvent() {
    String body = "{\"contextObjectId\": 9, \"event\": \"confirm_final_grades\", \"timestamp\": \"2018-10-04T16:47:55Z\"}";
    flow.raw().pipeInput("demo/9", webhook("retry-at-the-other-instance", body), T0.plusSeconds(5));
    flow.raw().pipeInput("demo/9", webhook("original-from-the-stopping-instance", body), T0);

    assertThat(flow.out().readValuesToList()).extracting(ExamEvent::requestId)
        .containsExactly("retry-at-the-other-instance");
  }

  @Test
  void aDuplicateOlderThanTheDedupWindowPassesAgain() {
    String body = "{\"contextObjectId\": 8, \"event\": \"resource_created\", \"timestamp\": \"2018-10-04T16:47:55Z\"}";
    flow.raw().pipeInput("demo/8", webhook("a", body), T0);
    flow.raw().pipeInput("demo/8", webhook("b", body), T0.plus(DEDUP_WINDOW).plus(Duration.ofDays(2)));

    assertThat(flow.out().readValuesToList()).hasSize(2);
  }

  @Test
  void brokenJsonIsDeadLetteredWithItsReasonAndTheNextRecordStillFlows() {
    flow.raw().pipeInput("demo/9", webhook("bad", "{\"contextObjectId\": 9, \"event\": "), T0);
    flow.raw().pipeInput("demo/10", webhook("good", "{\"contextObjectId\": 10, \"event\": \"confirm_final_grades\"}"), T0);

    DeadLetter letter = flow.deadLetters().readValue();
    assertThat(letter.errorCode()).isEqualTo("MALFORMED_JSON");
    assertThat(letter.sourceTopic()).isEqualTo(Topics.RAW_INSPERA.name());
    assertThat(letter.stage()).isEqualTo("inspera-normalise");
    assertThat(letter.payload()).isEqualTo("{\"contextObjectId\": 9, \"event\": ");
    assertThat(flow.out().readValue().objectId()).isEqualTo("10");
  }

  @Test
  void aWebhookWithoutAnObjectIsDeadLettered() {
    flow.raw().pipeInput("demo/x", webhook("r", "{\"event\": \"confirm_final_grades\"}"), T0);

    assertThat(flow.deadLetters().readValue().errorCode()).isEqualTo("MISSING_FIELD");
    assertThat(flow.out().isEmpty()).isTrue();
  }

  @Test
  void bytesThatAreNoRawRequestAreSkippedAndTheNextRecordStillFlows() {
    // Their dead letter comes from Streams' deserialization handler, which the test driver does
    // not run: EndToEndTest checks that one against a real broker.
    TestInputTopic<String, byte[]> bytes = flow.driver().createInputTopic(Topics.RAW_INSPERA.name(),
        new StringSerializer(), new ByteArraySerializer());
    bytes.pipeInput("demo/11", "not json at all".getBytes(StandardCharsets.UTF_8), T0);
    flow.raw().pipeInput("demo/12", webhook("good", "{\"contextObjectId\": 12, \"event\": \"confirm_final_grades\"}"), T0);

    assertThat(flow.out().readValuesToList()).extracting(ExamEvent::objectId).containsExactly("12");
  }

  @Test
  void theMeaningTheRouteStoredBesideTheRequestIsTheEventsMeaningAndAnEmptyOneKeepsTheTenantsName() {
    String body = "{\"contextObjectId\": %d, \"event\": \"%s\", \"timestamp\": \"2018-10-04T16:47:55Z\"}";
    flow.raw().pipeInput("tenant-b/8", webhook("m-1", body.formatted(8, "grades_final_v2"), "final-grades"), T0);
    // Empty: the tenant named no meaning for it, even where the documented defaults know the name.
    flow.raw().pipeInput("tenant-b/9", webhook("m-2", body.formatted(9, "confirm_final_grades"), ""), T0);

    assertThat(flow.out().readValuesToList()).extracting(ExamEvent::event)
        .containsExactly("final-grades", "confirm_final_grades");
  }

  /** A request as the route stores it: with the meaning it found for the tenant's event name. */
  private static RawRequest webhook(String requestId, String body, String meaning) {
    return new RawRequest(requestId, "inspera", "tenant-b", T0, Map.of("content-type", "application/json",
        InsperaEventNames.MEANING_HEADER, meaning), body.getBytes(StandardCharsets.UTF_8));
  }

  private static RawRequest webhook(String requestId, String body) {
    return new RawRequest(requestId, "inspera", "demo", T0, Map.of("content-type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8));
  }
}
