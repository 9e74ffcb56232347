package no.examhub.flow.cases;

import static no.examhub.flow.cases.CaseFixtures.NOW;
import static no.examhub.flow.cases.CaseFixtures.RECEIVED;
import static no.examhub.flow.cases.CaseFixtures.explanationRequest;
import static no.examhub.flow.cases.CaseFixtures.newCase;
import static no.examhub.flow.cases.CaseFixtures.withExplanation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsExplanationRequest;
import no.examhub.event.Operations;
import no.examhub.event.Partner;
import no.examhub.event.Result;
import no.examhub.flow.cases.CaseState.ExplanationStatus;
import no.examhub.flow.cases.CaseState.Ids;
import no.examhub.platform.json.Json;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Explanations (begrunnelser): FS's request goes to the exam system once; Inspera's published
 * explanation is fetched, a WISEflow poll finds its answer; the answer is registered in FS (and in
 * WISEflow shown to the candidate). A published explanation is final: never requested twice.
 */
class ExplanationRulesTest {
  private static final Result.Explanation ANSWER =
      new Result.Explanation("https://inspera.example/e/1", "ZG9j", "application/pdf", "2026-06-22");

  @Test
  void aRequestOnAnInsperaCaseEnablesExplanationsOnTheTestThenRequestsTheCandidatesExplanation() {
    FsExplanationRequest request = explanationRequest(newCase(ExamSystem.INSPERA));

    Decision d = ExplanationRules.onFsRequest(newCase(ExamSystem.INSPERA), request, NOW);

    assertThat(d.state().explanation().status()).isEqualTo(ExplanationStatus.REQUESTED);
    assertThat(d.state().explanation().requestedOn()).isEqualTo(RECEIVED);
    assertThat(d.commands()).extracting(Command::operation)
        .containsExactly(Operations.ENABLE_EXPLANATION_OPTION, Operations.REQUEST_EXPLANATION);
    assertThat(d.commands()).allSatisfy(c -> {
      assertThat(c.partner()).isEqualTo(Partner.INSPERA);
      assertThat(c.causationId()).isEqualTo(request.contentHash());
    });
    Command ask = d.commands().get(1);
    assertThat(Wire.payload(ask).path("vurdId").asText()).isEqualTo("INF1000-1");
    assertThat(Wire.payload(ask).path("kandidatnr").asText()).isEqualTo("10001");
    assertThat(Wire.payload(ask).path("requestedOn").asText()).isEqualTo("2026-06-18");
  }

  @Test
  void theTestsExplanationOptionIsOneCommandForEveryCandidateOfTheTestSoItIsEnabledOnce() {
    CaseState ada = newCase(ExamSystem.INSPERA, "10001");
    CaseState bo = newCase(ExamSystem.INSPERA, "10002");

    List<Command> forAda = ExplanationRules.onFsRequest(ada, explanationRequest(ada), NOW).commands();
    List<Command> forBo = ExplanationRules.onFsRequest(bo, explanationRequest(bo), NOW).commands();

    assertThat(forAda.get(0).commandId()).isEqualTo(forBo.get(0).commandId());
    assertThat(Wire.payload(forAda.get(0))).isEqualTo(Json.MAPPER.createObjectNode().put("vurdId", "INF1000-1"));
    assertThat(forAda.get(1).commandId()).isNotEqualTo(forBo.get(1).commandId());
  }

  @Test
  void aRequestOnAWiseflowCaseIsOnlyTheRequestInWiseflow() {
    CaseState s = newCase(ExamSystem.WISEFLOW);

    Decision d = ExplanationRules.onFsRequest(s, explanationRequest(s), NOW);

    assertThat(d.state().explanation().status()).isEqualTo(ExplanationStatus.REQUESTED);
    Command ask = only(d);
    assertThat(ask.partner()).isEqualTo(Partner.WISEFLOW);
    assertThat(ask.operation()).isEqualTo(Operations.REQUEST_EXPLANATION);
    assertThat(Wire.payload(ask).path("requestedOn").asText()).isEqualTo("2026-06-18");
  }

  @ParameterizedTest(name = "when {0}")
  @EnumSource(value = ExplanationStatus.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void aRequestOnACaseWhoseExplanationWasAlreadyRequestedIsNeverRequestedAgain(ExplanationStatus already) {
    CaseState s = withExplanation(newCase(ExamSystem.INSPERA), already);

    Decision d = ExplanationRules.onFsRequest(s, explanationRequest(s), NOW);

    assertThat(d.commands()).isEmpty();
    assertThat(d.state()).isEqualTo(s);
  }

  @Test
  void insperaHavingPublishedARequestedExplanationFetchesItsDocumentsForTheCandidate() {
    CaseState s = withExplanation(newCase(ExamSystem.INSPERA), ExplanationStatus.REQUESTED);

    Decision d = ExplanationRules.onPublished(s, "event-2", NOW);

    assertThat(d.state()).isEqualTo(s);
    Command fetch = only(d);
    assertThat(fetch.partner()).isEqualTo(Partner.INSPERA);
    assertThat(fetch.operation()).isEqualTo(Operations.FETCH_EXPLANATION);
    assertThat(fetch.causationId()).isEqualTo("event-2");
    assertThat(Wire.payload(fetch).path("vurdId").asText()).isEqualTo("INF1000-1");
    assertThat(Wire.payload(fetch).path("kandidatnr").asText()).isEqualTo("10001");
    assertThat(Wire.payload(fetch).path("testId").asText()).isEqualTo("35199862");
    assertThat(Wire.payload(fetch).path("candidateUserId").asText()).isEqualTo("5001101");
  }

  @ParameterizedTest(name = "when {0}")
  @EnumSource(value = ExplanationStatus.class, names = "REQUESTED", mode = EnumSource.Mode.EXCLUDE)
  void aPublishedEventForAnExplanationNotWaitingForItsAnswerFetchesNothing(ExplanationStatus status) {
    CaseState s = withExplanation(newCase(ExamSystem.INSPERA), status);

    Decision d = ExplanationRules.onPublished(s, "event-2", NOW);

    assertThat(d.commands()).isEmpty();
    assertThat(d.state()).isEqualTo(s);
  }

  @Test
  void anInsperaAnswerIsRegisteredInFsWithItsDocumentAndTheDateItWasAskedFor() {
    CaseState s = withExplanation(newCase(ExamSystem.INSPERA), ExplanationStatus.REQUESTED);

    Decision d = ExplanationRules.onAnswered(s, ANSWER, "outcome-3", NOW);

    assertThat(d.state().explanation().status()).isEqualTo(ExplanationStatus.PUBLISHED);
    assertThat(d.state().explanation().requestedOn()).isEqualTo(RECEIVED);
    assertThat(d.state().explanation().document()).isEqualTo(ANSWER);
    Command register = only(d);
    assertThat(register.partner()).isEqualTo(Partner.FS);
    assertThat(register.operation()).isEqualTo(Operations.REGISTER_EXPLANATION);
    assertThat(register.causationId()).isEqualTo("outcome-3");
    assertThat(Wire.payload(register)).isEqualTo(Json.MAPPER.createObjectNode().put("examSystem", "INSPERA")
        .put("vurdId", "INF1000-1").put("kandidatnr", "10001").put("urlBegrunnelse", "https://inspera.example/e/1")
        .put("datoBegrunnelseBedtOm", "2026-06-18").put("dokumentBegrunnelse", "ZG9j")
        .put("datoBegrunnelseGitt", "2026-06-22").put("contentTypeBegrunnelse", "application/pdf"));
  }

  @Test
  void aWiseflowAnswerIsRegisteredInFsAndThenShownToTheCandidateInWiseflow() {
    CaseState s = withExplanation(newCase(ExamSystem.WISEFLOW), ExplanationStatus.REQUESTED);

    Decision d = ExplanationRules.onAnswered(s, ANSWER, "outcome-3", NOW);

    assertThat(d.state().explanation().status()).isEqualTo(ExplanationStatus.PUBLISHED);
    assertThat(d.commands()).extracting(Command::partner, Command::operation).containsExactly(
        tuple(Partner.FS, Operations.REGISTER_EXPLANATION),
        tuple(Partner.WISEFLOW, Operations.SHOW_EXPLANATION));
    assertThat(Wire.payload(d.commands().get(0)).path("examSystem").asText()).isEqualTo("WISEFLOW");
    Command show = d.commands().get(1);
    assertThat(Wire.payload(show).path("flowId").asText()).isEqualTo("flow-7");
    assertThat(Wire.payload(show).path("explanationRequestId").asText()).isEqualTo("request-9");
    assertThat(Wire.payload(show).path("showJustification").asText()).isEqualTo("true");
  }

  @Test
  void fieldsTheAnswerLacksOrLeavesNullAreLeftOutOfTheFsRegistrationNotSentEmpty() {
    CaseState s = withExplanation(newCase(ExamSystem.INSPERA), ExplanationStatus.REQUESTED);
    Result.Explanation partial = new Result.Explanation("https://inspera.example/e/1", null, null, null);

    JsonNode withPartial = Wire.payload(only(ExplanationRules.onAnswered(s, partial, "outcome-3", NOW)));
    JsonNode withNone = Wire.payload(only(ExplanationRules.onAnswered(s, null, "outcome-3", NOW)));

    assertThat(withPartial.has("urlBegrunnelse")).isTrue();
    assertThat(withPartial.has("dokumentBegrunnelse")).isFalse();
    assertThat(withPartial.has("datoBegrunnelseGitt")).isFalse();
    assertThat(withNone.has("urlBegrunnelse")).isFalse();
    assertThat(withNone.path("datoBegrunnelseBedtOm").asText()).isEqualTo("2026-06-18");
  }

  @ParameterizedTest(name = "when {0}")
  @EnumSource(value = ExplanationStatus.class, names = "REQUESTED", mode = EnumSource.Mode.EXCLUDE)
  void anAnswerForAnExplanationNotWaitingForOneIsNotRegisteredAgain(ExplanationStatus status) {
    CaseState s = withExplanation(newCase(ExamSystem.WISEFLOW), status);

    Decision d = ExplanationRules.onAnswered(s, ANSWER, "outcome-3", NOW);

    assertThat(d.commands()).isEmpty();
    assertThat(d.state()).isEqualTo(s);
  }

  @Test
  void fsHavingRegisteredTheExplanationMarksItRegisteredAndKeepsItsDocument() {
    CaseState published = ExplanationRules.onAnswered(
        withExplanation(newCase(ExamSystem.INSPERA), ExplanationStatus.REQUESTED), ANSWER, "outcome-3", NOW).state();

    CaseState registered = ExplanationRules.onRegisteredInFs(published);

    assertThat(registered.explanation().status()).isEqualTo(ExplanationStatus.REGISTERED);
    assertThat(registered.explanation().requestedOn()).isEqualTo(RECEIVED);
    assertThat(registered.explanation().document()).isEqualTo(ANSWER);
    assertThat(registered.explanation().open()).isFalse();
  }

  @Test
  void eachWiseflowPollRoundIsANewCommandAndTheSameRoundIsTheSameCommand() {
    CaseState s = withExplanation(newCase(ExamSystem.WISEFLOW), ExplanationStatus.REQUESTED);

    Command round1 = ExplanationRules.poll(s, 1, NOW);
    Command round1Again = ExplanationRules.poll(s, 1, NOW.plusSeconds(60));
    Command round2 = ExplanationRules.poll(s, 2, NOW);

    assertThat(round1.partner()).isEqualTo(Partner.WISEFLOW);
    assertThat(round1.operation()).isEqualTo(Operations.POLL_EXPLANATION);
    assertThat(round1.causationId()).isEqualTo(s.caseKey());
    assertThat(Wire.payload(round1)).isEqualTo(Json.MAPPER.createObjectNode().put("flowId", "flow-7")
        .put("explanationRequestId", "request-9").put("vurdId", "INF1000-1").put("kandidatnr", "10001")
        .put("round", "1"));
    assertThat(round1Again.commandId()).isEqualTo(round1.commandId());
    assertThat(round2.commandId()).isNotEqualTo(round1.commandId());
  }

  @Test
  void onlyARequestedWiseflowExplanationWhoseRequestIdIsKnownAwaitsItsAnswer() {
    CaseState requested = withExplanation(newCase(ExamSystem.WISEFLOW), ExplanationStatus.REQUESTED);
    CaseState withoutRequestId = withExplanation(
        CaseState.open(CaseFixtures.CASE, "demo", ExamSystem.WISEFLOW, "INF1000-1", "10001")
            .withIds(new Ids(null, null, "flow-7", "participant-3", null, null)),
        ExplanationStatus.REQUESTED);

    assertThat(ExplanationRules.awaitingWiseflowAnswer(requested)).isTrue();
    assertThat(ExplanationRules.awaitingWiseflowAnswer(withoutRequestId)).as("request id not yet known").isFalse();
    assertThat(ExplanationRules.awaitingWiseflowAnswer(withExplanation(newCase(ExamSystem.WISEFLOW),
        ExplanationStatus.PUBLISHED))).as("answered").isFalse();
    CaseState insperaWithARequestId = withExplanation(newCase(ExamSystem.INSPERA)
        .withIds(new Ids(null, null, null, null, null, "request-9")), ExplanationStatus.REQUESTED);
    assertThat(ExplanationRules.awaitingWiseflowAnswer(insperaWithARequestId))
        .as("Inspera announces its explanations, it is not polled").isFalse();
  }

  private static Command only(Decision d) {
    assertThat(d.commands()).hasSize(1);
    return d.commands().get(0);
  }
}
