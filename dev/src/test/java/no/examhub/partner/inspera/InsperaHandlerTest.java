package no.examhub.partner.inspera;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.simulator.inspera.InsperaDemoTests;
import no.examhub.simulator.inspera.InsperaSimulator;
import no.examhub.simulator.script.PartnerScript;
import no.examhub.testing.Commands;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each Inspera case operation of seed 003, carried out through dispatch against the simulator.
 * FS is not polled here (its URL points nowhere), so the demo's own cases call no Inspera endpoint
 * while these tests count calls. Every test works on a test of its own with a fresh external id.
 */
class InsperaHandlerTest {
  private static final String API = "GET /inspera/demo.inspera.no/api";
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_FS_URL", "http://127.0.0.1:9/fs",
      "EXAMHUB_FS_POLL_INTERVAL", "PT1H"));
  private static InsperaSimulator inspera;
  private static DurableProducer producer;
  private String testId;
  private String vurdId;

  @BeforeAll
  static void start() {
    inspera = hub.simulators().orElseThrow().inspera();
    producer = new DurableProducer(hub.hub().bootstrapServers(), "inspera-test", 5000, new SimpleMeterRegistry());
  }

  @AfterAll
  static void stop() {
    producer.close();
  }

  private final java.util.Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @BeforeEach
  void aTestOfItsOwn() {
    long id = ThreadLocalRandom.current().nextLong(40_000_000, 90_000_000);
    testId = Long.toString(id);
    vurdId = "SPEC-" + id;
    inspera.putTest(InsperaDemoTests.test(testId, vurdId, "Spec exam", "EXAM", List.of(
        InsperaDemoTests.candidate("501", id + 1, "B", List.of()), InsperaDemoTests.candidate("502", id + 2, "E", List.of()))));
    inspera.putPublishedExplanation(testId, InsperaDemoTests.explanation(id + 2, "502"));
    inspera.script().reset();
  }

  @Test
  void registerAppealFindsTheTestByVurdIdAndTheCandidateByNumberThenPostsTheAppeal() throws Exception {
    Command register = command(Operations.REGISTER_APPEAL, Map.of("vurdId", vurdId, "kandidatnr", "501",
        "sensurfrist", "2026-12-15", "kommisjonsidNy", "K2"));

    Outcome outcome = Commands.outcomeOf(hub, register);

    assertThat(outcome.success()).isTrue();
    assertThat(Wire.text(outcome, "testId")).isEqualTo(testId);
    assertThat(Wire.text(outcome, "candidateUserId")).isEqualTo(Long.toString(Long.parseLong(testId) + 1));
    assertThat(paths()).containsExactly(API + "/v1/test/search", API + "/v1/test/" + testId,
        "POST /inspera/demo.inspera.no/api/v1/test/" + testId + "/appeals");
    assertThat(inspera.script().calls()).allSatisfy(c -> assertThat(c.idempotencyKey()).isEqualTo(register.commandId()));
    assertThat(appliedOnThisTest("appeal")).singleElement()
        .satisfies(a -> assertThat(a.body()).containsEntry("candidateId", "501").containsEntry("newCommitteeId", "K2"));
  }

  @Test
  void withdrawAppealWithKnownIdsOnlyPostsTheWithdrawal() throws Exception {
    Outcome outcome = Commands.outcomeOf(hub, command(Operations.WITHDRAW_APPEAL,
        Map.of("vurdId", vurdId, "kandidatnr", "501", "testId", testId, "candidateUserId", "42")));

    assertThat(outcome.success()).isTrue();
    assertThat(paths()).containsExactly("POST /inspera/demo.inspera.no/api/v1/test/" + testId + "/appeals/withdraw");
    assertThat(appliedOnThisTest("withdrawal")).singleElement()
        .satisfies(a -> assertThat(a.body()).containsEntry("candidateId", "501"));
  }

  @Test
  void enablingTheExplanationOptionTurnsOnPostExplanationForTheTest() throws Exception {
    Outcome outcome = Commands.outcomeOf(hub, command(Operations.ENABLE_EXPLANATION_OPTION, Map.of("vurdId", vurdId)));

    assertThat(outcome.success()).isTrue();
    assertThat(Wire.text(outcome, "testId")).isEqualTo(testId);
    assertThat(appliedOnThisTest("options")).singleElement()
        .satisfies(a -> assertThat(a.body()).containsEntry("testOptions", Map.of("postExplanation", true)));
  }

  @Test
  void requestExplanationPostsTheCandidateAndAnswersItsIds() throws Exception {
    Outcome outcome = Commands.outcomeOf(hub, command(Operations.REQUEST_EXPLANATION,
        Map.of("vurdId", vurdId, "kandidatnr", "502", "requestedOn", "2026-11-20")));

    assertThat(outcome.success()).isTrue();
    assertThat(Wire.text(outcome, "testId")).isEqualTo(testId);
    assertThat(Wire.text(outcome, "candidateUserId")).isEqualTo(Long.toString(Long.parseLong(testId) + 2));
    assertThat(appliedOnThisTest("explanation-request")).hasSize(1);
  }

  @Test
  void fetchExplanationAnswersTheCandidatesPublishedDocument() throws Exception {
    Outcome outcome = Commands.outcomeOf(hub, command(Operations.FETCH_EXPLANATION, Map.of("vurdId", vurdId, "kandidatnr", "502",
        "testId", testId, "candidateUserId", Long.toString(Long.parseLong(testId) + 2))));

    assertThat(outcome.success()).isTrue();
    JsonNode explanation = Wire.result(outcome).path("explanation");
    assertThat(explanation.path("document").asText()).isEqualTo("begrunnelse-502.pdf");
    assertThat(explanation.path("contentType").asText()).isEqualTo("application/pdf");
    assertThat(explanation.path("url").asText()).startsWith("https://");
    assertThat(explanation.path("givenAt").asText()).isEqualTo("2026-11-25T10:00:00Z");
  }

  @Test
  void fetchTestMetadataDescribesAMasterThesisWithGradesAndFiles() throws Exception {
    Outcome outcome = Commands.outcomeOf(hub, command(Operations.FETCH_TEST_METADATA, Map.of("testId", InsperaDemoTests.THESIS_TEST)));

    JsonNode r = Wire.result(outcome);
    assertThat(r.path("masterThesis").asBoolean()).isTrue();
    assertThat(r.path("vurdId").asText()).isEqualTo("DEMO-MASTER-2026V");
    assertThat(r.path("title").asText()).isEqualTo("Masteroppgave i informatikk");
    assertThat(Instant.parse(r.path("gradesPublishedAt").asText())).isEqualTo("2026-06-20T12:00:00Z");
    assertThat(r.path("candidates")).hasSize(3);
    JsonNode second = r.path("candidates").get(1);
    assertThat(second.path("kandidatnr").asText()).isEqualTo("202");
    assertThat(second.path("grade").asText()).isEqualTo("B");
    assertThat(second.path("files")).hasSize(2);
    assertThat(second.path("files").get(0).path("fileName").asText()).isEqualTo("masteroppgave-202.pdf");
  }

  @Test
  void aPartnerThatFailsTwiceIsCalledThreeTimesAndGivesOneOutcome() throws Exception {
    inspera.script().failNext(2, 503, testId);
    Command fetch = command(Operations.FETCH_TEST_METADATA, Map.of("testId", testId));

    Outcome outcome = Commands.outcomeOf(hub, fetch);

    assertThat(outcome.success()).isTrue();
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.OUTCOMES,
        o -> o.commandId().equals(fetch.commandId()), 2, Duration.ofSeconds(2))).hasSize(1);
    assertThat(Wire.result(outcome).path("masterThesis").asBoolean()).isFalse();
    assertThat(paths()).containsExactly(API + "/v1/test/" + testId, API + "/v1/test/" + testId,
        API + "/v1/test/" + testId);
  }

  @Test
  void anUnknownTestIsDeadLetteredAtOnce() throws Exception {
    Command fetch = command(Operations.FETCH_TEST_METADATA, Map.of("testId", "1" + testId));

    List<FailedCommand> dead = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.COMMAND_DEAD_LETTERS,
        f -> f.command().commandId().equals(fetch.commandId()), 1, Duration.ofSeconds(30));

    assertThat(dead).singleElement().satisfies(f -> {
      assertThat(f.errorCode()).isEqualTo("404");
      assertThat(f.attempts()).isEqualTo(1);
    });
    assertThat(calls()).hasSize(1);
  }

  @Test
  void anUnknownInstitutionIsDeadLetteredWithoutACall() throws Exception {
    Command c = Wire.command("no-such-institution", Partner.INSPERA, Operations.FETCH_TEST_METADATA,
        Json.MAPPER.valueToTree(Map.of("testId", testId)), "test", Instant.now());
    producer.send(Topics.COMMANDS_INSPERA, "no-such-institution/" + testId, c).get();

    List<FailedCommand> dead = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.COMMAND_DEAD_LETTERS,
        f -> f.command().commandId().equals(c.commandId()), 1, Duration.ofSeconds(30));

    assertThat(dead).singleElement().extracting(FailedCommand::errorCode).isEqualTo("UNKNOWN_INSTITUTION");
    // Other hubs' demo commands share the broker: only this command's calls count.
    assertThat(inspera.script().calls()).noneMatch(call -> c.commandId().equals(call.idempotencyKey()));
  }

  /** The calls this test's commands caused: other hubs' demo commands share the broker. */
  private List<PartnerScript.Call> calls() {
    return inspera.script().calls().stream().filter(c -> sent.contains(c.idempotencyKey())).toList();
  }

  private List<String> paths() {
    return calls().stream().map(c -> c.method() + " " + c.path()).toList();
  }

  private List<InsperaSimulator.Applied> appliedOnThisTest(String kind) {
    return inspera.applied(kind).stream().filter(a -> a.testId().equals(testId)).toList();
  }

  private Command command(String operation, Map<String, Object> payload) throws Exception {
    Command c = Wire.command("demo", Partner.INSPERA, operation, Json.MAPPER.valueToTree(payload), "test", Instant.now());
    sent.add(c.commandId());
    producer.send(Topics.COMMANDS_INSPERA, "demo/" + testId, c).get();
    return c;
  }
}
