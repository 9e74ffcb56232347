package no.examhub.partner.wiseflow;

import static no.examhub.simulator.wiseflow.WiseflowFlows.DEMO_FLOW_ID;
import static no.examhub.simulator.wiseflow.WiseflowFlows.DEMO_SIS_CODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.event.Operations;
import no.examhub.institution.PartnerSettings.WiseflowAuth;
import no.examhub.simulator.wiseflow.WiseflowFlows.Flow;
import no.examhub.simulator.wiseflow.WiseflowFlows.Participant;
import no.examhub.simulator.wiseflow.WiseflowFlows;
import no.examhub.simulator.wiseflow.WiseflowSimulator;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WISEflow client per institution, against the simulator on a port: each institution's server
 * and auth ({@code x-api-key} or OAuth2 client credentials), the ordinary main flow, paged
 * participants matched on the institution's externalIds name, and explanations answered by state.
 */
class WiseflowClientTest {
  private WiseflowRig rig;

  @BeforeEach
  void start() {
    rig = new WiseflowRig();
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void anApiKeyInstitutionSendsItsKeyAndGetsTheOrdinaryMainFlowNotItsSubFlowRemarkingOrReExamination() throws Exception {
    rig.apiKeyInstitution("uni-key");

    JsonNode result = rig.run("uni-key", Operations.CREATE_REASSESSMENT, "sisCode", DEMO_SIS_CODE, "kandidatnr", "202");

    assertThat(result.path("flowId").asLong()).isEqualTo(DEMO_FLOW_ID);
    assertThat(result.path("participantId").asLong()).isEqualTo(70202);
    assertThat(result.path("reassessmentFlowId").asLong()).isEqualTo(rig.wiseflow.reassessmentOf(DEMO_FLOW_ID));
    assertThat(rig.exchanges).allSatisfy(e -> {
      assertThat(e.headers()).containsEntry("x-api-key", WiseflowSimulator.API_KEY).doesNotContainKey("Authorization");
      assertThat(e.status()).isBetween(200, 201);
    });
    assertThat(rig.exchanges.get(0).body()).isEqualTo("{\"sourceCode\":\"" + DEMO_SIS_CODE + "\"}");
    assertThat(rig.calls()).last().isEqualTo("POST /flow/9001/reassessment");
  }

  @Test
  void anOauthInstitutionFetchesOneTokenWithItsClientCredentialsAndReusesIt() throws Exception {
    rig.oauthInstitution("uni-oauth");

    rig.run("uni-oauth", Operations.CREATE_REASSESSMENT, "sisCode", DEMO_SIS_CODE, "kandidatnr", "201");
    rig.run("uni-oauth", Operations.REQUEST_EXPLANATION, "vurdId", DEMO_SIS_CODE, "kandidatnr", "201");

    assertThat(rig.wiseflow.tokenFetches()).isEqualTo(1);
    var token = rig.exchanges.get(0);
    assertThat(token.method() + " " + token.path()).isEqualTo("POST /wiseflow/v1/oauth2/token");
    assertThat(token.contentType()).startsWith("application/x-www-form-urlencoded");
    assertThat(token.body()).contains("grant_type=client_credentials", "client_id=" + WiseflowSimulator.CLIENT_ID);
    assertThat(rig.exchanges.subList(1, rig.exchanges.size())).allSatisfy(e -> {
      assertThat(e.headers().get("Authorization")).startsWith("Bearer ").doesNotContain(WiseflowSimulator.CLIENT_SECRET);
      assertThat(e.headers()).doesNotContainKey("x-api-key");
    });
  }

  @Test
  void aTokenWiseflowNoLongerTakesIsReplacedOnceOnThe401AndTheCallSucceeds() throws Exception {
    rig.oauthInstitution("uni-oauth");
    rig.run("uni-oauth", Operations.CREATE_REASSESSMENT, "sisCode", DEMO_SIS_CODE, "kandidatnr", "201");
    rig.wiseflow.revokeTokens();

    JsonNode again = rig.run("uni-oauth", Operations.CREATE_REASSESSMENT, "sisCode", DEMO_SIS_CODE, "kandidatnr", "201");

    assertThat(again.path("flowId").asLong()).isEqualTo(DEMO_FLOW_ID);
    assertThat(rig.wiseflow.tokenFetches()).isEqualTo(2);
    assertThat(rig.exchanges.stream().filter(e -> e.status() == 401)).hasSize(1);
  }

  @Test
  void refusedCredentialsFailPermanentlyWithoutNamingTheSecret() {
    rig.institution("uni-bad-oauth", WiseflowAuth.OAUTH2, null, WiseflowSimulator.CLIENT_ID, "wrong-client-secret");
    rig.institution("uni-bad-key", WiseflowAuth.API_KEY, null, "", "wrong-api-key");

    assertThatThrownBy(() -> rig.run("uni-bad-oauth", Operations.CREATE_REASSESSMENT, "sisCode", DEMO_SIS_CODE,
        "kandidatnr", "201")).isInstanceOfSatisfying(PartnerFailure.class, f -> {
          assertThat(f.code()).isEqualTo("TOKEN_REFUSED");
          assertThat(f.retryable()).isFalse();
          assertThat(f.getMessage()).doesNotContain("wrong-client-secret");
        });
    assertThatThrownBy(() -> rig.run("uni-bad-key", Operations.CREATE_REASSESSMENT, "sisCode", DEMO_SIS_CODE,
        "kandidatnr", "201")).isInstanceOfSatisfying(PartnerFailure.class, f -> {
          assertThat(f.code()).isEqualTo("401");
          assertThat(f.retryable()).isFalse();
          assertThat(f.getMessage()).doesNotContain("wrong-api-key");
        });
    assertThat(rig.calls()).as("an API key refused once is not tried again").containsExactly(
        "POST /oauth2/token", "POST /sources/search");
  }

  @Test
  void anInstitutionWithoutConfigurationOrCredentialsIsAPermanentFailureWithItsOwnCode() {
    rig.institution("uni-no-credentials", WiseflowAuth.API_KEY, null, null, null);
    rig.institution("uni-no-client-id", WiseflowAuth.OAUTH2, null, "", WiseflowSimulator.CLIENT_SECRET);

    assertThat(failure("uni-unknown")).isEqualTo("UNKNOWN_INSTITUTION");
    assertThat(failure("uni-no-credentials")).isEqualTo("NO_CREDENTIALS");
    assertThat(failure("uni-no-client-id")).isEqualTo("NO_CREDENTIALS");
    assertThat(rig.exchanges).isEmpty();
  }

  @Test
  void theCandidateIsFoundOnALaterPageByTheExternalIdNameTheInstitutionConfigured() throws Exception {
    List<Participant> many = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      // Another externalIds name with the same value first: only the configured name may match.
      many.add(new Participant(80_000 + i, i == 20 ? "candidateNumber" : "fsKandidatnr", "k" + (i == 20 ? 130 : i)));
    }
    rig.wiseflow.flows().add(new Flow(9100, "PAGED-2026H", "Paged", Instant.parse("2026-11-02T08:00:00Z"), many));
    rig.institution("uni-own-name", WiseflowAuth.API_KEY, "fsKandidatnr", "", WiseflowSimulator.API_KEY);

    JsonNode result = rig.run("uni-own-name", Operations.REQUEST_EXPLANATION, "vurdId", "PAGED-2026H", "kandidatnr", "k130");

    assertThat(result.path("participantId").asLong()).isEqualTo(80_130);
    assertThat(rig.exchanges.stream().filter(e -> e.path().endsWith("/participants")).map(e -> e.query()))
        .extracting(q -> q.get("offset") + "/" + q.get("limit")).containsExactly("0/100", "100/100");
  }

  @Test
  void aSisCodeWithOnlyRemarkingOrSubFlowsHasNoFlowToUse() {
    Instant start = Instant.parse("2026-11-02T08:00:00Z");
    rig.wiseflow.flows().add(new Flow(9200, "ONLY-REMARK", "t", start, WiseflowFlows.REMARKING, null, List.of()));
    rig.wiseflow.flows().add(new Flow(9201, "ONLY-REMARK", "t", start, WiseflowFlows.ORDINARY, 9999L, List.of()));
    rig.wiseflow.flows().add(new Flow(9300, "TWO-MAIN", "t", start, List.of()));
    rig.wiseflow.flows().add(new Flow(9301, "TWO-MAIN", "t", start, List.of()));
    rig.apiKeyInstitution("uni-key");

    assertThat(failure("uni-key", "ONLY-REMARK")).isEqualTo("NO_FLOW");
    assertThat(failure("uni-key", "TWO-MAIN")).isEqualTo("AMBIGUOUS_FLOW");
  }

  @Test
  void anExplanationRequestedTwiceIsOneRequestAndCountsAsAnsweredOnlyOnceWiseflowSaysAccepted() throws Exception {
    rig.apiKeyInstitution("uni-key");
    rig.wiseflow.explanations().answerOnPoll(2);

    JsonNode first = rig.run("uni-key", Operations.REQUEST_EXPLANATION, "vurdId", DEMO_SIS_CODE, "kandidatnr", "203",
        "requestedOn", "2026-11-20");
    JsonNode second = rig.run("uni-key", Operations.REQUEST_EXPLANATION, "vurdId", DEMO_SIS_CODE, "kandidatnr", "203");
    String id = first.path("explanationRequestId").asText();
    JsonNode unanswered = rig.run("uni-key", Operations.POLL_EXPLANATION, "flowId", "9001", "explanationRequestId", id);
    JsonNode answered = rig.run("uni-key", Operations.POLL_EXPLANATION, "flowId", "9001", "explanationRequestId", id);

    assertThat(second.path("explanationRequestId").asText()).isEqualTo(id);
    assertThat(rig.exchanges.stream().filter(e -> e.path().endsWith("/explanation/request")))
        .extracting(WiseflowRig.Exchange::status).containsExactly(201, 200);
    assertThat(rig.exchanges.stream().filter(e -> e.path().endsWith("/explanation/request")).findFirst().orElseThrow()
        .body()).contains("\"showJustification\":false", "\"dueDate\":" + Instant.parse("2026-12-03T23:00:00Z").getEpochSecond());
    assertThat(unanswered.path("answered").asBoolean()).isFalse();
    assertThat(answered.path("answered").asBoolean()).isTrue();
    assertThat(answered.path("state").asInt()).isEqualTo(WiseflowAnswers.EXPLANATION_ACCEPTED);
  }

  private String failure(String institution) {
    return failure(institution, DEMO_SIS_CODE);
  }

  private String failure(String institution, String sisCode) {
    try {
      rig.run(institution, Operations.CREATE_REASSESSMENT, "sisCode", sisCode, "kandidatnr", "201");
    } catch (PartnerFailure f) {
      assertThat(f.retryable()).isFalse();
      return f.code();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void anUnreadableAnswerToTheReassessmentIsAppliedWithAnUnknownResultAndKeepsTheIdsFoundBeforeIt() {
    rig.apiKeyInstitution("uni-garbled");
    rig.garbled = "/reassessment";

    assertThatThrownBy(() -> rig.run("uni-garbled", Operations.CREATE_REASSESSMENT, "sisCode", DEMO_SIS_CODE,
        "kandidatnr", "202"))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> {
          assertThat(f.appliedUnknown()).isTrue();
          assertThat(f.code()).isEqualTo("UNREADABLE_ANSWER");
          assertThat(Wire.tree(f.known()).path("flowId").asLong()).isEqualTo(DEMO_FLOW_ID);
          assertThat(Wire.tree(f.known()).path("participantId").asLong()).isEqualTo(70202);
        });
    assertThat(rig.wiseflow.reassessmentOf(DEMO_FLOW_ID)).as("WISEflow did create it").isNotNull();
  }

  @Test
  void anUnreadableAnswerToALookupStaysAPermanentFailure() {
    rig.apiKeyInstitution("uni-garbled-read");
    rig.garbled = "/sources/search";

    assertThatThrownBy(() -> rig.run("uni-garbled-read", Operations.CREATE_REASSESSMENT, "sisCode", DEMO_SIS_CODE,
        "kandidatnr", "202"))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> {
          assertThat(f.appliedUnknown()).isFalse();
          assertThat(f.retryable()).isFalse();
          assertThat(f.code()).isEqualTo("UNREADABLE_ANSWER");
        });
    assertThat(rig.calls()).noneMatch(call -> call.endsWith("/reassessment"));
  }
}
