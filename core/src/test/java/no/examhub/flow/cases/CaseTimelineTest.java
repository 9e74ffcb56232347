package no.examhub.flow.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.event.Outcome;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.flow.cases.CaseState.Received;
import no.examhub.flow.intake.IntakeTopology;
import no.examhub.partner.inspera.InsperaEventNames;
import no.examhub.partner.inspera.InsperaNormaliser;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.json.Json;
import no.examhub.platform.json.JsonSerde;
import no.examhub.platform.kafka.Topic;
import no.examhub.testing.Drivers;
import no.examhub.testing.Wire;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A case keeps when each FS record and exam-system event reached Examhub, and how often a repeat
 * of it was deduplicated and when last: the start of the case page's timeline. Intake and cases
 * run together, so an Inspera webhook goes the whole way from the raw topic to its case.
 */
class CaseTimelineTest {
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  private static final String CASE = "demo/INF1000-1/10001";
  private static final String TEST = "35199862";
  private static final String CANDIDATE = "777";

  private TopologyTestDriver driver;
  private TestInputTopic<String, FsAppeal> appeals;
  private TestInputTopic<String, FsExplanationRequest> explanationRequests;
  private TestInputTopic<String, Outcome> outcomes;
  private TestInputTopic<String, RawRequest> insperaWebhooks;

  @BeforeEach
  void setUp() {
    ExamhubConfig config = ExamhubConfig.defaults();
    driver = Drivers.of("case-timeline-test", T0, builder -> {
      IntakeTopology.addTo(builder, config.dedupRetention(), InsperaNormaliser::normalise);
      CaseTopology.addTo(builder, config);
    });
    appeals = input(Topics.FS_APPEALS);
    explanationRequests = input(Topics.FS_EXPLANATION_REQUESTS);
    outcomes = input(Topics.OUTCOMES);
    insperaWebhooks = input(Topics.RAW_INSPERA);
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void anFsAppealIsRecordedWhenPolledAndItsRepeatsAreCountedWithTheLastTime() {
    appeals.pipeInput(CASE, appeal(FsAppeal.ACTIVE, at(1)));
    appeals.pipeInput(CASE, appeal(FsAppeal.ACTIVE, at(2)));
    appeals.pipeInput(CASE, appeal(FsAppeal.ACTIVE, at(3)));

    assertThat(caseState().received())
        .extracting(Received::source, Received::what, Received::receivedAt, Received::repeats, Received::lastRepeatAt)
        .containsExactly(tuple(Received.FS_APPEAL, FsAppeal.ACTIVE, at(1), 2, at(3)));
    assertThat(caseState().history()).as("a repeat is acted on once").hasSize(1);
  }

  @Test
  void aChangedFsRecordIsANewEntryAndRepeatsGoToTheirOwnRecord() {
    appeals.pipeInput(CASE, appeal(FsAppeal.ACTIVE, at(1)));
    explanationRequests.pipeInput(CASE, explanationRequest(at(2)));
    appeals.pipeInput(CASE, appeal(FsAppeal.WITHDRAWN, at(3)));
    appeals.pipeInput(CASE, appeal(FsAppeal.ACTIVE, at(4)));
    explanationRequests.pipeInput(CASE, explanationRequest(at(5)));

    assertThat(caseState().received())
        .extracting(Received::source, Received::what, Received::receivedAt, Received::repeats, Received::lastRepeatAt)
        .containsExactly(
            tuple(Received.FS_APPEAL, FsAppeal.ACTIVE, at(1), 1, at(4)),
            tuple(Received.FS_EXPLANATION_REQUEST, "received by FS 2026-06-02", at(2), 1, at(5)),
            tuple(Received.FS_APPEAL, FsAppeal.WITHDRAWN, at(3), 0, null));
  }

  @Test
  void anInsperaEventIsRecordedWhenItsWebhookArrivedAndARetriedDeliveryIsCountedOnIt() {
    appeals.pipeInput(CASE, appeal(FsAppeal.ACTIVE, at(1)));
    Command register = driver.createOutputTopic(Topics.COMMANDS_INSPERA.name(),
        Topics.COMMANDS_INSPERA.keySerde().deserializer(), Topics.COMMANDS_INSPERA.valueSerde().deserializer()).readValue();
    outcomes.pipeInput(CASE, success(register, Wire.json("testId", TEST, "candidateUserId", CANDIDATE)));

    insperaWebhooks.pipeInput("demo/" + TEST, decisionWebhook("first-delivery", at(5)));
    insperaWebhooks.pipeInput("demo/" + TEST, decisionWebhook("inspera-retry", at(6)));
    insperaWebhooks.pipeInput("demo/" + TEST, decisionWebhook("inspera-retry-2", at(7)));

    assertThat(caseState().received()).filteredOn(r -> Received.EXAM_EVENT.equals(r.source()))
        .extracting(Received::what, Received::receivedAt, Received::repeats, Received::lastRepeatAt)
        .containsExactly(tuple("appeal-decision", at(5), 2, at(7)));
    assertThat(caseState().received()).extracting(Received::ref).doesNotContainNull()
        .allSatisfy(ref -> assertThat(ref).hasSize(16));
  }

  @Test
  void aCaseKeepsOnlyItsLatestRecords() {
    for (int i = 0; i < CaseState.RECEIVED_LIMIT + 5; i++) {
      appeals.pipeInput(CASE, appeal(FsAppeal.ACTIVE, LocalDate.parse("2026-07-01").plusDays(i), at(i)));
    }

    assertThat(caseState().received()).hasSize(CaseState.RECEIVED_LIMIT);
    assertThat(caseState().received().get(0).receivedAt()).isEqualTo(at(5));
  }

  @Test
  void aRepeatOpensNoCase() {
    appeals.pipeInput(CASE, appeal(FsAppeal.ACTIVE, at(1)));
    store().delete(CASE); // as a forgotten case, while its record's hash is still in the dedup window

    appeals.pipeInput(CASE, appeal(FsAppeal.ACTIVE, at(2)));

    assertThat(caseState()).isNull();
  }

  @Test
  void aCaseStoredBeforeCasesKeptTheirRecordsReadsAsNotRecordedAndCountsRepeatsWithoutAReceivedTime() {
    appeals.pipeInput(CASE, appeal(FsAppeal.ACTIVE, at(1)));
    ObjectNode old = (ObjectNode) Json.MAPPER.valueToTree(caseState());
    old.remove("received");
    JsonSerde<CaseState> serde = JsonSerde.of(CaseState.class);
    CaseState before = serde.deserializer().deserialize("case-store", Json.bytes(old));
    assertThat(before.received()).isNull();
    store().put(CASE, before);

    appeals.pipeInput(CASE, appeal(FsAppeal.ACTIVE, at(2)));

    assertThat(caseState().received())
        .extracting(Received::source, Received::receivedAt, Received::repeats, Received::lastRepeatAt)
        .containsExactly(tuple(Received.FS_APPEAL, null, 1, at(2)));
  }

  private static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private CaseState caseState() {
    return store().get(CASE);
  }

  private KeyValueStore<String, CaseState> store() {
    return driver.getKeyValueStore(CaseProcessor.STORE);
  }

  private static FsAppeal appeal(String status, Instant polledAt) {
    return appeal(status, LocalDate.parse("2026-06-20"), polledAt);
  }

  private static FsAppeal appeal(String status, LocalDate sensurfrist, Instant polledAt) {
    return new FsAppeal("demo", ExamSystem.INSPERA, "INF1000-1", "10001", status, sensurfrist, "K1", "K2", polledAt);
  }

  private static FsExplanationRequest explanationRequest(Instant polledAt) {
    return new FsExplanationRequest("demo", ExamSystem.INSPERA, "INF1000-1", "10001", LocalDate.parse("2026-06-02"),
        polledAt);
  }

  /** Inspera's appeal decision on the candidate, as the webhook route stores it on arrival. */
  private static RawRequest decisionWebhook(String requestId, Instant receivedAt) {
    String body = "{\"contextObjectId\": " + TEST + ", \"event\": \"appeal_decision\", \"associatedObjectId\": "
        + CANDIDATE + ", \"timestamp\": \"2026-06-01T07:00:00Z\"}";
    return new RawRequest(requestId, "inspera", "demo", receivedAt, Map.of("content-type", "application/json",
        InsperaEventNames.MEANING_HEADER, "appeal-decision"), body.getBytes(StandardCharsets.UTF_8));
  }

  private static Outcome success(Command c, ObjectNode result) {
    return new Outcome(c.commandId(), c.institution(), c.partner(), c.operation(), true, 1, null, null,
        Wire.result(c.partner(), c.operation(), result), T0);
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), T0,
        Duration.ofMillis(1));
  }
}
