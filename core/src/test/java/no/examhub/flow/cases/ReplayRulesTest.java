package no.examhub.flow.cases;

import static no.examhub.flow.cases.CaseFixtures.NOW;
import static no.examhub.flow.cases.CaseFixtures.newCase;
import static no.examhub.flow.cases.CaseFixtures.withAppeal;
import static no.examhub.flow.cases.CaseFixtures.withExplanation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.Operations;
import no.examhub.event.Partner;
import no.examhub.flow.cases.CaseState.AppealStatus;
import no.examhub.flow.cases.CaseState.ExplanationStatus;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A replayed dead-lettered command goes through only while the rule it was emitted under still
 * holds for its case (refusal null); otherwise the refusal says why, for the operator.
 */
class ReplayRulesTest {
  private static final CaseState INSPERA = newCase(ExamSystem.INSPERA);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fetch-session", Operations.EXPORT_TEST_EVENTS, Operations.FETCH_TEST_METADATA})
  void aCommandThatActsOnNoCaseGoesThroughEvenWithoutACase(String operation) {
    assertThat(ReplayRules.refusal(null, command(operation, null))).isNull();
  }

  @Test
  void aCaseCommandWhoseCaseNoLongerExistsIsRefused() {
    assertThat(ReplayRules.refusal(null, command(Operations.REGISTER_APPEAL, 1))).contains("no longer exists");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Operations.REGISTER_APPEAL, Operations.CREATE_REASSESSMENT})
  void registeringAnAppealIsWantedWhileTheAppealIsActiveInTheCommandsRound(String operation) {
    CaseState active = withAppeal(INSPERA, AppealStatus.ACTIVE, 2);

    assertThat(ReplayRules.refusal(active, command(operation, 2))).isNull();
    assertThat(ReplayRules.refusal(active, command(operation, 1)))
        .isEqualTo("the command is for round 1 of the appeal, and the case is in round 2");
    assertThat(ReplayRules.refusal(active, command(operation, null))).as("a command without a round")
        .isEqualTo("the command is for round 0 of the appeal, and the case is in round 2");
  }

  @Test
  void registeringAnAppealFsHasSinceWithdrawnIsRefusedSayingSo() {
    assertThat(ReplayRules.refusal(withAppeal(INSPERA, AppealStatus.WITHDRAWN, 1), command(Operations.REGISTER_APPEAL, 1)))
        .isEqualTo("FS has withdrawn the appeal since; register-appeal is no longer wanted");
  }

  @ParameterizedTest(name = "appeal {0}")
  @EnumSource(value = AppealStatus.class, names = {"NONE", "DECIDED", "CLOSED"})
  void registeringAnAppealThatIsNoLongerActiveIsRefusedNamingItsStatus(AppealStatus status) {
    assertThat(ReplayRules.refusal(withAppeal(INSPERA, status, 1), command(Operations.REGISTER_APPEAL, 1)))
        .isEqualTo("the appeal is " + status + " now, not ACTIVE; register-appeal is no longer wanted");
  }

  @Test
  void withdrawingAnAppealIsWantedWhileItIsWithdrawnInTheCommandsRoundOnly() {
    assertThat(ReplayRules.refusal(withAppeal(INSPERA, AppealStatus.WITHDRAWN, 1), command(Operations.WITHDRAW_APPEAL, 1)))
        .isNull();
    assertThat(ReplayRules.refusal(withAppeal(INSPERA, AppealStatus.WITHDRAWN, 2), command(Operations.WITHDRAW_APPEAL, 1)))
        .contains("round 1");
    assertThat(ReplayRules.refusal(withAppeal(INSPERA, AppealStatus.ACTIVE, 1), command(Operations.WITHDRAW_APPEAL, 1)))
        .as("activated again since").isEqualTo("the appeal is ACTIVE now, not WITHDRAWN; withdraw-appeal is no longer wanted");
  }

  @Test
  void registeringTheDecisionInFsIsWantedWhileTheAppealIsDecidedAndNotYetClosed() {
    Command decision = command(Operations.REGISTER_APPEAL_DECISION, 1);

    assertThat(ReplayRules.refusal(withAppeal(INSPERA, AppealStatus.DECIDED, 1), decision)).isNull();
    assertThat(ReplayRules.refusal(withAppeal(INSPERA, AppealStatus.CLOSED, 1), decision)).contains("CLOSED now");
    assertThat(ReplayRules.refusal(withAppeal(INSPERA, AppealStatus.WITHDRAWN, 1), decision))
        .startsWith("FS has withdrawn the appeal since");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {Operations.ENABLE_EXPLANATION_OPTION, Operations.REQUEST_EXPLANATION,
      Operations.FETCH_EXPLANATION, Operations.POLL_EXPLANATION})
  void askingForAnExplanationIsWantedOnlyWhileItIsRequestedAndNotYetAnswered(String operation) {
    assertThat(ReplayRules.refusal(withExplanation(INSPERA, ExplanationStatus.REQUESTED), command(operation, null)))
        .isNull();
    assertThat(ReplayRules.refusal(withExplanation(INSPERA, ExplanationStatus.PUBLISHED), command(operation, null)))
        .isEqualTo("the explanation is PUBLISHED now, not REQUESTED; the command is no longer wanted");
  }

  @Test
  void registeringTheExplanationInFsIsWantedOnlyUntilFsHasIt() {
    Command register = command(Operations.REGISTER_EXPLANATION, null);

    assertThat(ReplayRules.refusal(withExplanation(INSPERA, ExplanationStatus.PUBLISHED), register)).isNull();
    assertThat(ReplayRules.refusal(withExplanation(INSPERA, ExplanationStatus.REGISTERED), register))
        .contains("REGISTERED now");
  }

  @Test
  void showingTheExplanationInWiseflowIsWantedOnceItIsPublishedAlsoAfterFsRegisteredIt() {
    Command show = command(Operations.SHOW_EXPLANATION, null);
    CaseState wiseflow = newCase(ExamSystem.WISEFLOW);

    assertThat(ReplayRules.refusal(withExplanation(wiseflow, ExplanationStatus.PUBLISHED), show)).isNull();
    assertThat(ReplayRules.refusal(withExplanation(wiseflow, ExplanationStatus.REGISTERED), show)).isNull();
    assertThat(ReplayRules.refusal(withExplanation(wiseflow, ExplanationStatus.REQUESTED), show))
        .contains("REQUESTED now");
  }

  @Test
  void archivingIsWantedOnlyForTheArchiveCommandTheCaseHolds() {
    ArchiveRules rules = new ArchiveRules(Duration.ofDays(21), Duration.ofDays(7));
    Instant published = Instant.parse("2026-06-01T10:00:00Z");
    CaseState graded = rules.onGraded(INSPERA, new GradedThesis("demo", ExamSystem.INSPERA, "INF1000-1", "10001",
        "35199862", "On queues", "B", published, null));
    Decision archived = rules.archiveIfDue(graded, published.plus(Duration.ofDays(21)));
    Command held = archived.commands().get(0);

    assertThat(ReplayRules.refusal(archived.state(), held)).isNull();
    assertThat(ReplayRules.refusal(archived.state(), command(Operations.ARCHIVE_THESIS, null)))
        .as("another archive command").contains("no longer holds this archive command");
    assertThat(ReplayRules.refusal(graded, held)).as("thesis not yet archived").isNotNull();
    assertThat(ReplayRules.refusal(INSPERA, held)).as("no thesis").isNotNull();
  }

  @Test
  void noCaseCommandIsWantedByACaseOnWhichNothingHasHappened() {
    assertThat(ReplayRules.CASE_OPERATIONS).allSatisfy(operation ->
        assertThat(ReplayRules.refusal(INSPERA, command(operation, 0))).as(operation).isNotNull());
  }

  /** A command of the given operation for this case; a round only where the operation has one. */
  private static Command command(String operation, Integer round) {
    return Wire.command("demo", Partner.INSPERA, operation,
        Wire.json("vurdId", "INF1000-1", "kandidatnr", "10001", "round", round), "cause", NOW);
  }
}
