package no.examhub.partner.wiseflow;

import static no.examhub.simulator.wiseflow.WiseflowFlows.DEMO_FLOW_ID;
import static no.examhub.simulator.wiseflow.WiseflowFlows.DEMO_SIS_CODE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.examhub.event.Command;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.simulator.script.PartnerScript;
import no.examhub.simulator.wiseflow.WiseflowSimulator;
import no.examhub.testing.Commands;
import no.examhub.testing.TestHub;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every WISEflow operation of seed 003, through dispatch against the WISEflow simulator (demo institution, x-api-key). */
class WiseflowHandlerTest {
  // A tiny own backoff, so only WISEflow's Retry-After can explain a wait of a second.
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_DISPATCH_BACKOFF", "PT0.05S"));
  private static WiseflowSimulator wiseflow;

  @BeforeAll
  static void start() {
    wiseflow = hub.simulators().orElseThrow().wiseflow();
  }

  @Test
  void createReassessmentFindsTheFlowBySisCodeAndTheParticipantByCandidateNumber() {
    Command c = Commands.send(hub, Commands.of(Partner.WISEFLOW, Operations.CREATE_REASSESSMENT,
        "sisCode", DEMO_SIS_CODE, "kandidatnr", "201", "round", "1"));

    Outcome o = Commands.outcomeOf(hub, c);

    assertThat(o.success()).isTrue();
    assertThat(Wire.text(o, "flowId")).isEqualTo(Long.toString(DEMO_FLOW_ID));
    assertThat(Wire.text(o, "participantId")).isEqualTo("70201");
    assertThat(Wire.text(o, "reassessmentFlowId")).isEqualTo(wiseflow.reassessmentOf(DEMO_FLOW_ID).toString());
    assertThat(callsOf(c)).containsExactlyElementsOf(concat(FIND_FLOW_AND_PARTICIPANT,
        "POST /wiseflow/v1/flow/9001/reassessment"));
  }

  @Test
  void requestExplanationAsksForTheParticipantsExplanationDueTwoWeeksAfterFsGotTheRequest() {
    Command c = Commands.send(hub, Commands.of(Partner.WISEFLOW, Operations.REQUEST_EXPLANATION,
        "vurdId", DEMO_SIS_CODE, "kandidatnr", "203", "requestedOn", "2026-11-20"));

    Outcome o = Commands.outcomeOf(hub, c);

    assertThat(o.success()).isTrue();
    assertThat(Wire.text(o, "flowId")).isEqualTo("9001");
    assertThat(Wire.text(o, "participantId")).isEqualTo("70203");
    var request = wiseflow.explanations().get(Long.parseLong(Wire.text(o, "explanationRequestId")));
    assertThat(request.participantId()).isEqualTo(70203);
    assertThat(request.dueDate()).isEqualTo(Instant.parse("2026-12-03T23:00:00Z").getEpochSecond());
    assertThat(callsOf(c)).containsExactlyElementsOf(concat(FIND_FLOW_AND_PARTICIPANT,
        "POST /wiseflow/v1/flow/9001/explanation/request"));
  }

  @Test
  void pollingSeesTheRequestUnansweredUntilWiseflowSaysItIsAcceptedAndThenWhen() {
    String requestId = requestExplanation("202");

    Outcome first = Commands.outcomeOf(hub, Commands.send(hub, poll(requestId, 1)));
    Outcome second = Commands.outcomeOf(hub, Commands.send(hub, poll(requestId, 2)));

    assertThat(first.success()).isTrue();
    assertThat(Wire.text(first, "answered")).isEqualTo("false");
    assertThat(Wire.text(first, "state")).as("assigned").isEqualTo("1");
    assertThat(Wire.result(first).has("explanation")).isFalse();
    assertThat(Wire.text(second, "answered")).isEqualTo("true");
    assertThat(Wire.text(second, "state")).as("accepted").isEqualTo("3");
    var explanation = Wire.result(second).path("explanation");
    assertThat(explanation.path("url").isNull()).as("WISEflow's API gives no document").isTrue();
    assertThat(Instant.parse(explanation.path("givenAt").asText())).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void showExplanationMakesTheJustificationVisibleToTheParticipant() {
    String requestId = requestExplanation("201");
    Command show = Commands.send(hub, Commands.of(Partner.WISEFLOW, Operations.SHOW_EXPLANATION,
        "flowId", "9001", "explanationRequestId", requestId, "showJustification", "true"));

    assertThat(Commands.outcomeOf(hub, show).success()).isTrue();
    assertThat(wiseflow.explanations().get(Long.parseLong(requestId)).shown()).isTrue();
    assertThat(callsOf(show)).containsExactly("PATCH /wiseflow/v1/flow/9001/explanation/request/" + requestId);
  }

  @Test
  void a429WithRetryAfterIsRetriedNoSoonerThanWiseflowAskedAndThenSucceeds() {
    wiseflow.script().failNext(1, 429);
    long sent = System.nanoTime();
    Command c = Commands.send(hub, Commands.of(Partner.WISEFLOW, Operations.CREATE_REASSESSMENT,
        "sisCode", DEMO_SIS_CODE, "kandidatnr", "202", "round", "1"));

    Outcome o = Commands.outcomeOf(hub, c);

    assertThat(o.success()).isTrue();
    assertThat(o.attempts()).isEqualTo(2);
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    List<PartnerScript.Call> calls = wiseflow.script().calls().stream()
        .filter(call -> c.commandId().equals(call.idempotencyKey())).toList();
    assertThat(calls.get(0).applied()).as("the refused first call").isFalse();
    assertThat(calls).last().satisfies(call -> assertThat(call.path()).endsWith("/reassessment"));
  }

  @Test
  void aCommandForAnInstitutionExamhubDoesNotKnowIsDeadLetteredAtOnceWithItsCode() {
    Command c = Commands.send(hub, Commands.forInstitution("no-such-institution", Partner.WISEFLOW,
        Operations.CREATE_REASSESSMENT, "sisCode", DEMO_SIS_CODE, "kandidatnr", "201"));

    var dead = Commands.deadLettersOf(hub, c);

    assertThat(dead).singleElement().satisfies(f -> {
      assertThat(f.errorCode()).isEqualTo("UNKNOWN_INSTITUTION");
      assertThat(f.attempts()).isEqualTo(1);
    });
    assertThat(callsOf(c)).isEmpty();
  }

  /** Every source with the SIS code, each flow's basic information (to find the ordinary main one), its participants. */
  private static final List<String> FIND_FLOW_AND_PARTICIPANT = List.of("POST /wiseflow/v1/sources/search",
      "GET /wiseflow/v1/flow/9001", "GET /wiseflow/v1/flow/9002", "GET /wiseflow/v1/flow/9003",
      "GET /wiseflow/v1/flow/9004", "GET /wiseflow/v1/flows/9001/participants");

  private static List<String> concat(List<String> first, String last) {
    List<String> all = new java.util.ArrayList<>(first);
    all.add(last);
    return all;
  }

  private static String requestExplanation(String kandidatnr) {
    Outcome o = Commands.outcomeOf(hub, Commands.send(hub, Commands.of(Partner.WISEFLOW,
        Operations.REQUEST_EXPLANATION, "vurdId", DEMO_SIS_CODE, "kandidatnr", kandidatnr)));
    assertThat(o.success()).isTrue();
    return Wire.text(o, "explanationRequestId");
  }

  private static Command poll(String requestId, int round) {
    return Commands.of(Partner.WISEFLOW, Operations.POLL_EXPLANATION, "flowId", "9001",
        "explanationRequestId", requestId, "vurdId", DEMO_SIS_CODE, "kandidatnr", "202", "round", round);
  }

  private static List<String> callsOf(Command c) {
    return wiseflow.script().calls().stream().filter(call -> c.commandId().equals(call.idempotencyKey()))
        .map(call -> call.method() + " " + call.path()).toList();
  }
}
