package no.examhub.flow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.examhub.event.Command;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.Topic;
import no.examhub.testing.Drivers;
import no.examhub.testing.Wire;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user stories of seed 003 as specifications: FS records and exam events in, commands out. */
class CaseTopologyTest {
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  private static final String CASE = "demo/INF1000-1/10001";

  private TopologyTestDriver driver;
  private TestInputTopic<String, FsAppeal> appeals;
  private TestInputTopic<String, FsExplanationRequest> explanationRequests;
  private TestInputTopic<String, Outcome> outcomes;
  private TestInputTopic<String, ExamEvent> examEvents;
  private Map<Partner, TestOutputTopic<String, Command>> commands;

  @BeforeEach
  void setUp() {
    startAt(T0);
  }

  private void startAt(Instant wallClock) {
    ExamhubConfig config = ExamhubConfig.defaults();
    driver = Drivers.of("case-test", wallClock, builder -> CaseTopology.addTo(builder, config));
    appeals = input(Topics.FS_APPEALS);
    explanationRequests = input(Topics.FS_EXPLANATION_REQUESTS);
    outcomes = input(Topics.OUTCOMES);
    examEvents = input(Topics.EXAM_EVENTS);
    commands = Map.of(Partner.INSPERA, output(Topics.COMMANDS_INSPERA), Partner.WISEFLOW, output(Topics.COMMANDS_WISEFLOW),
        Partner.FS, output(Topics.COMMANDS_FS), Partner.ARCHIVE, output(Topics.COMMANDS_ARCHIVE));
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void activeAppealRegistersItInInsperaAndWithdrawnAppealWithdrawsIt() {
    appeals.pipeInput(CASE, appeal(ExamSystem.INSPERA, FsAppeal.ACTIVE));
    Command register = onlyCommand(Partner.INSPERA);
    assertThat(register.operation()).isEqualTo(Operations.REGISTER_APPEAL);
    assertThat(Wire.payload(register).get("vurdId").asText()).isEqualTo("INF1000-1");
    assertThat(Wire.payload(register).get("kandidatnr").asText()).isEqualTo("10001");

    appeals.pipeInput(CASE, appeal(ExamSystem.INSPERA, FsAppeal.WITHDRAWN));
    Command withdraw = onlyCommand(Partner.INSPERA);
    assertThat(withdraw.operation()).isEqualTo(Operations.WITHDRAW_APPEAL);
    assertThat(caseState().appeal().status()).isEqualTo(CaseState.AppealStatus.WITHDRAWN);
  }

  @Test
  void theSamePollResultTwiceGivesOneCommand() {
    appeals.pipeInput(CASE, appeal(ExamSystem.INSPERA, FsAppeal.ACTIVE));
    appeals.pipeInput(CASE, appeal(ExamSystem.INSPERA, FsAppeal.ACTIVE));

    assertThat(commands.get(Partner.INSPERA).readValuesToList()).hasSize(1);
  }

  @Test
  void activeAppealInWiseflowCreatesAReassessmentFlow() {
    appeals.pipeInput(CASE, appeal(ExamSystem.WISEFLOW, FsAppeal.ACTIVE));

    Command create = onlyCommand(Partner.WISEFLOW);
    assertThat(create.operation()).isEqualTo(Operations.CREATE_REASSESSMENT);
    assertThat(Wire.payload(create).get("sisCode").asText()).isEqualTo("INF1000-1");
  }

  @Test
  void appealDecisionFromInsperaClosesTheCaseInFs() {
    appeals.pipeInput(CASE, appeal(ExamSystem.INSPERA, FsAppeal.ACTIVE));
    Command register = onlyCommand(Partner.INSPERA);
    outcomes.pipeInput(CASE, success(register, Map.of("testId", "35199862", "candidateUserId", "777")));

    examEvents.pipeInput("demo/35199862", inspera("appeal-decision", "35199862", "777"));

    Command close = onlyCommand(Partner.FS);
    assertThat(close.operation()).isEqualTo(Operations.REGISTER_APPEAL_DECISION);
    outcomes.pipeInput(CASE, success(close, Map.of()));
    assertThat(caseState().appeal().status()).isEqualTo(CaseState.AppealStatus.CLOSED);
  }

  @Test
  void anAppealDecisionFsWasNotSentStaysRecordedInTheCaseWithTheHandlersNote() {
    appeals.pipeInput(CASE, appeal(ExamSystem.INSPERA, FsAppeal.ACTIVE));
    Command register = onlyCommand(Partner.INSPERA);
    outcomes.pipeInput(CASE, success(register, Map.of("testId", "35199862", "candidateUserId", "777")));
    examEvents.pipeInput("demo/35199862", inspera("appeal-decision", "35199862", "777"));
    Command close = onlyCommand(Partner.FS);

    outcomes.pipeInput(CASE, success(close, Map.of("sent", false, "note", "not sent to FS: no appealDecisionPath")));

    CaseState s = caseState();
    assertThat(s.appeal().status()).isEqualTo(CaseState.AppealStatus.CLOSED);
    assertThat(s.history()).filteredOn(h -> Operations.REGISTER_APPEAL_DECISION.equals(h.operation()))
        .extracting(CaseState.HistoryEntry::kind, CaseState.HistoryEntry::note)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("command", null),
            org.assertj.core.groups.Tuple.tuple("outcome", "not sent to FS: no appealDecisionPath"));
    assertThat(commands.get(Partner.FS).isEmpty()).as("nothing is retried").isTrue();
  }

  @Test
  void explanationIsRequestedThenPublishedThenRegisteredInFsAndNeverRequestedTwice() {
    explanationRequests.pipeInput(CASE, explanationRequest(ExamSystem.INSPERA));
    List<Command> requested = commands.get(Partner.INSPERA).readValuesToList();
    assertThat(requested).extracting(Command::operation)
        .containsExactly(Operations.ENABLE_EXPLANATION_OPTION, Operations.REQUEST_EXPLANATION);
    outcomes.pipeInput(CASE, success(requested.get(1), Map.of("testId", "35199862", "candidateUserId", "777")));

    examEvents.pipeInput("demo/35199862", inspera("explanation-published", "35199862", "777"));
    Command fetch = onlyCommand(Partner.INSPERA);
    assertThat(fetch.operation()).isEqualTo(Operations.FETCH_EXPLANATION);
    outcomes.pipeInput(CASE, success(fetch, Map.of("explanation", Map.of("url", "https://inspera/expl/1",
        "document", "Vurderingen ...", "contentType", "text/plain", "givenAt", "2026-06-10"))));

    Command register = onlyCommand(Partner.FS);
    assertThat(register.operation()).isEqualTo(Operations.REGISTER_EXPLANATION);
    assertThat(Wire.payload(register).get("urlBegrunnelse").asText()).isEqualTo("https://inspera/expl/1");
    assertThat(Wire.payload(register).get("datoBegrunnelseBedtOm").asText()).isEqualTo("2026-06-02");
    assertThat(Wire.payload(register).get("dokumentBegrunnelse").asText()).isEqualTo("Vurderingen ...");
    assertThat(Wire.payload(register).get("kandidatnr").asText()).isEqualTo("10001");
    assertThat(Wire.payload(register).get("datoBegrunnelseGitt").asText()).isEqualTo("2026-06-10");
    assertThat(Wire.payload(register).get("contentTypeBegrunnelse").asText()).isEqualTo("text/plain");
    outcomes.pipeInput(CASE, success(register, Map.of()));
    assertThat(caseState().explanation().status()).isEqualTo(CaseState.ExplanationStatus.REGISTERED);

    explanationRequests.pipeInput(CASE, explanationRequest(ExamSystem.INSPERA, LocalDate.parse("2026-06-20")));
    assertThat(commands.get(Partner.INSPERA).isEmpty()).as("published explanations are final").isTrue();
  }

  @Test
  void wiseflowExplanationIsPolledUntilAnsweredThenShownAndRegistered() {
    explanationRequests.pipeInput(CASE, explanationRequest(ExamSystem.WISEFLOW));
    Command request = onlyCommand(Partner.WISEFLOW);
    outcomes.pipeInput(CASE, success(request, Map.of("flowId", "547", "explanationRequestId", "88")));

    driver.advanceWallClockTime(Duration.ofMinutes(1));
    Command firstPoll = onlyCommand(Partner.WISEFLOW);
    assertThat(firstPoll.operation()).isEqualTo(Operations.POLL_EXPLANATION);
    outcomes.pipeInput(CASE, success(firstPoll, Map.of("answered", false)));

    driver.advanceWallClockTime(Duration.ofMinutes(1));
    Command secondPoll = onlyCommand(Partner.WISEFLOW);
    assertThat(secondPoll.commandId()).as("each round is a new command").isNotEqualTo(firstPoll.commandId());
    outcomes.pipeInput(CASE, success(secondPoll, Map.of("answered", true, "explanation",
        Map.of("document", "Begrunnelse", "givenAt", "2026-06-12"))));

    assertThat(onlyCommand(Partner.WISEFLOW).operation()).isEqualTo(Operations.SHOW_EXPLANATION);
    assertThat(onlyCommand(Partner.FS).operation()).isEqualTo(Operations.REGISTER_EXPLANATION);
    driver.advanceWallClockTime(Duration.ofMinutes(5));
    assertThat(commands.get(Partner.WISEFLOW).isEmpty()).as("no polling once answered").isTrue();
  }

  @Test
  void aLatePunctuationAndTheNextOneInTheSameRoundPollOnce() {
    // The rounds are wall-clock minutes; the punctuator runs a minute after the task started, here
    // half a minute into one. One run 36 s late (08:02:06) and the next on time (08:02:30) fall in
    // the same minute, so the same round's poll (the same command id) was written twice.
    driver.close();
    startAt(T0.plusSeconds(30));
    explanationRequests.pipeInput(CASE, explanationRequest(ExamSystem.WISEFLOW));
    Command request = onlyCommand(Partner.WISEFLOW);
    outcomes.pipeInput(CASE, success(request, Map.of("flowId", "547", "explanationRequestId", "88")));

    driver.advanceWallClockTime(Duration.ofSeconds(96));
    Command late = onlyCommand(Partner.WISEFLOW);
    driver.advanceWallClockTime(Duration.ofSeconds(24));

    assertThat(commands.get(Partner.WISEFLOW).readValuesToList()).as("polls in round " + Wire.payload(late).get("round"))
        .isEmpty();
    driver.advanceWallClockTime(Duration.ofMinutes(1));
    assertThat(onlyCommand(Partner.WISEFLOW).commandId()).as("the next round's poll").isNotEqualTo(late.commandId());
  }

  @Test
  void thesisIsArchivedExactlyOnceAfterItsDeadlines() {
    gradeThesis();

    driver.advanceWallClockTime(Duration.ofDays(20));
    assertThat(commands.get(Partner.ARCHIVE).isEmpty()).as("appeal deadline (3 weeks) not passed").isTrue();
    driver.advanceWallClockTime(Duration.ofDays(2));
    Command archive = onlyCommand(Partner.ARCHIVE);
    assertThat(archive.operation()).isEqualTo(Operations.ARCHIVE_THESIS);
    assertThat(Wire.payload(archive).get("title").asText()).isEqualTo("Kafka i norsk høyere utdanning");
    assertThat(Wire.payload(archive).get("grade").asText()).isEqualTo("A");
    assertThat(Wire.payload(archive).get("files").get(0).get("fileName").asText()).isEqualTo("thesis.pdf");

    driver.advanceWallClockTime(Duration.ofDays(1));
    driver.advanceWallClockTime(Duration.ofDays(1));
    assertThat(commands.get(Partner.ARCHIVE).isEmpty()).as("exactly one archive command").isTrue();
  }

  @Test
  void anAppealOpenedBeforeTheDeadlineHoldsTheThesisUntilItIsClosed() {
    gradeThesis();
    appeals.pipeInput(CASE, appeal(ExamSystem.INSPERA, FsAppeal.ACTIVE));
    Command register = onlyCommand(Partner.INSPERA);
    outcomes.pipeInput(CASE, success(register, Map.of("testId", "35199862", "candidateUserId", "777")));

    driver.advanceWallClockTime(Duration.ofDays(30));
    assertThat(commands.get(Partner.ARCHIVE).isEmpty()).as("held by the open appeal").isTrue();

    examEvents.pipeInput("demo/35199862", inspera("appeal-decision", "35199862", "777"));
    outcomes.pipeInput(CASE, success(onlyCommand(Partner.FS), Map.of()));
    driver.advanceWallClockTime(Duration.ofMinutes(1));
    assertThat(onlyCommand(Partner.ARCHIVE).operation()).isEqualTo(Operations.ARCHIVE_THESIS);
  }

  @Test
  void anExamEventBeforeItsFsRecordIsHeldAndJoinedWhenTheRecordArrives() {
    examEvents.pipeInput("demo/35199862", inspera("explanation-published", "35199862", "777"));
    assertThat(commands.get(Partner.INSPERA).isEmpty()).isTrue();

    explanationRequests.pipeInput(CASE, explanationRequest(ExamSystem.INSPERA));
    List<Command> requested = commands.get(Partner.INSPERA).readValuesToList();
    outcomes.pipeInput(CASE, success(requested.get(1), Map.of("testId", "35199862", "candidateUserId", "777")));

    assertThat(onlyCommand(Partner.INSPERA).operation()).isEqualTo(Operations.FETCH_EXPLANATION);
  }

  @Test
  void aFailedOutcomeIsKeptInTheCaseHistory() {
    appeals.pipeInput(CASE, appeal(ExamSystem.INSPERA, FsAppeal.ACTIVE));
    Command register = onlyCommand(Partner.INSPERA);
    outcomes.pipeInput(CASE, new Outcome(register.commandId(), "demo", Partner.INSPERA, register.operation(),
        false, 5, "404", "test not found", null, T0));

    assertThat(caseState().history()).anySatisfy(h -> {
      assertThat(h.kind()).isEqualTo("outcome");
      assertThat(h.success()).isFalse();
      assertThat(h.note()).contains("test not found");
    });
  }

  private void gradeThesis() {
    examEvents.pipeInput("demo/35199862", inspera("final-grades", "35199862", null));
    Command fetch = onlyCommand(Partner.INSPERA);
    assertThat(fetch.operation()).isEqualTo(Operations.FETCH_TEST_METADATA);
    outcomes.pipeInput("demo/35199862", success(fetch, Map.of("testId", "35199862", "masterThesis", true,
        "vurdId", "INF1000-1", "title", "Kafka i norsk høyere utdanning", "gradesPublishedAt", T0.toString(),
        "candidates", List.of(Map.of("kandidatnr", "10001", "candidateUserId", "777", "grade", "A",
            "files", List.of(Map.of("fileName", "thesis.pdf", "contentItemId", 1)))))));
  }

  private Command onlyCommand(Partner partner) {
    List<Command> emitted = commands.get(partner).readValuesToList();
    assertThat(emitted).as("commands to " + partner).hasSize(1);
    return emitted.get(0);
  }

  private CaseState caseState() {
    KeyValueStore<String, CaseState> store = driver.getKeyValueStore(CaseProcessor.STORE);
    return store.get(CASE);
  }

  private static FsAppeal appeal(ExamSystem system, String status) {
    return new FsAppeal("demo", system, "INF1000-1", "10001", status, LocalDate.parse("2026-06-20"),
        "K1", "K2", T0);
  }

  private static FsExplanationRequest explanationRequest(ExamSystem system) {
    return explanationRequest(system, LocalDate.parse("2026-06-02"));
  }

  private static FsExplanationRequest explanationRequest(ExamSystem system, LocalDate received) {
    return new FsExplanationRequest("demo", system, "INF1000-1", "10001", received, T0);
  }

  private static ExamEvent inspera(String event, String testId, String candidateUserId) {
    return new ExamEvent("id-" + event + testId + candidateUserId, "demo", ExamSystem.INSPERA, event, testId, "test",
        candidateUserId, "candidate", null, T0, T0, "req");
  }

  private static Outcome success(Command c, Map<String, Object> result) {
    JsonNode json = Json.MAPPER.valueToTree(result);
    return new Outcome(c.commandId(), c.institution(), c.partner(), c.operation(), true, 1, null, null,
        Wire.result(c.partner(), c.operation(), json), T0);
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), T0,
        Duration.ofMillis(1));
  }

  private TestOutputTopic<String, Command> output(Topic<String, Command> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }
}
