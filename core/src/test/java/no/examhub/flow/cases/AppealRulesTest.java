package no.examhub.flow.cases;

import static no.examhub.flow.cases.CaseFixtures.NOW;
import static no.examhub.flow.cases.CaseFixtures.SENSURFRIST;
import static no.examhub.flow.cases.CaseFixtures.appeal;
import static no.examhub.flow.cases.CaseFixtures.newCase;
import static no.examhub.flow.cases.CaseFixtures.withAppeal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.Operations;
import no.examhub.event.Partner;
import no.examhub.flow.cases.CaseState.Appeal;
import no.examhub.flow.cases.CaseState.AppealStatus;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Appeals (klager): FS's AKTIV registers the appeal in the exam system once per activation,
 * TRUKKET withdraws it (in Inspera; WISEflow has no withdrawal), Inspera's decision is sent on to FS,
 * and FS's acknowledgement closes the case.
 */
class AppealRulesTest {
  private static final Instant DECIDED_AT = Instant.parse("2026-06-25T12:00:00Z");

  @Test
  void anActiveAppealOnANewInsperaCaseRegistersItInInsperaAsRoundOne() {
    FsAppeal active = appeal(ExamSystem.INSPERA, FsAppeal.ACTIVE);

    Decision d = AppealRules.onFsAppeal(newCase(ExamSystem.INSPERA), active, NOW);

    assertThat(d.state().appeal()).isEqualTo(new Appeal(AppealStatus.ACTIVE, SENSURFRIST, 1));
    Command register = only(d);
    assertThat(register.partner()).isEqualTo(Partner.INSPERA);
    assertThat(register.operation()).isEqualTo(Operations.REGISTER_APPEAL);
    assertThat(register.institution()).isEqualTo("demo");
    assertThat(register.causationId()).isEqualTo(active.contentHash());
    assertThat(Wire.payload(register).path("vurdId").asText()).isEqualTo("INF1000-1");
    assertThat(Wire.payload(register).path("kandidatnr").asText()).isEqualTo("10001");
    assertThat(Wire.payload(register).path("sensurfrist").asText()).isEqualTo("2026-07-10");
    assertThat(Wire.payload(register).path("kommisjonsidOppr").asText()).isEqualTo("K1");
    assertThat(Wire.payload(register).path("kommisjonsidNy").asText()).isEqualTo("K2");
    assertThat(Wire.payload(register).path("round").asInt()).isEqualTo(1);
  }

  @Test
  void anActiveAppealOnANewWiseflowCaseCreatesAReassessmentInWiseflow() {
    Decision d = AppealRules.onFsAppeal(newCase(ExamSystem.WISEFLOW), appeal(ExamSystem.WISEFLOW, FsAppeal.ACTIVE), NOW);

    assertThat(d.state().appeal().status()).isEqualTo(AppealStatus.ACTIVE);
    Command reassess = only(d);
    assertThat(reassess.partner()).isEqualTo(Partner.WISEFLOW);
    assertThat(reassess.operation()).isEqualTo(Operations.CREATE_REASSESSMENT);
    assertThat(Wire.payload(reassess).path("sisCode").asText()).isEqualTo("INF1000-1");
    assertThat(Wire.payload(reassess).path("kandidatnr").asText()).isEqualTo("10001");
    assertThat(Wire.payload(reassess).path("round").asInt()).isEqualTo(1);
  }

  @ParameterizedTest(name = "while {0}")
  @EnumSource(value = AppealStatus.class, names = {"ACTIVE", "DECIDED"})
  void anActiveAppealOnAnOpenAppealRecordsTheNewDeadlineAndRegistersNothing(AppealStatus open) {
    LocalDate later = SENSURFRIST.plusDays(7);

    Decision d = AppealRules.onFsAppeal(withAppeal(newCase(ExamSystem.INSPERA), open, 1),
        appeal(ExamSystem.INSPERA, FsAppeal.ACTIVE, later), NOW);

    assertThat(d.commands()).isEmpty();
    assertThat(d.state().appeal()).isEqualTo(new Appeal(open, later, 1));
  }

  @ParameterizedTest(name = "after {0}")
  @EnumSource(value = AppealStatus.class, names = {"WITHDRAWN", "CLOSED"})
  void anAppealActivatedAgainAfterItEndedIsRegisteredAgainAsTheNextRoundWithANewCommandId(AppealStatus ended) {
    FsAppeal active = appeal(ExamSystem.INSPERA, FsAppeal.ACTIVE);
    Command first = only(AppealRules.onFsAppeal(newCase(ExamSystem.INSPERA), active, NOW));

    Decision d = AppealRules.onFsAppeal(withAppeal(newCase(ExamSystem.INSPERA), ended, 1), active, NOW);

    assertThat(d.state().appeal()).isEqualTo(new Appeal(AppealStatus.ACTIVE, SENSURFRIST, 2));
    Command again = only(d);
    assertThat(again.operation()).isEqualTo(Operations.REGISTER_APPEAL);
    assertThat(Wire.payload(again).path("round").asInt()).isEqualTo(2);
    assertThat(again.commandId()).isNotEqualTo(first.commandId());
  }

  @ParameterizedTest(name = "while {0}")
  @EnumSource(value = AppealStatus.class, names = {"ACTIVE", "DECIDED"})
  void aWithdrawnAppealThatIsOpenInInsperaIsWithdrawnThereForItsRound(AppealStatus open) {
    FsAppeal withdrawn = appeal(ExamSystem.INSPERA, FsAppeal.WITHDRAWN);

    Decision d = AppealRules.onFsAppeal(withAppeal(newCase(ExamSystem.INSPERA), open, 2), withdrawn, NOW);

    assertThat(d.state().appeal()).isEqualTo(new Appeal(AppealStatus.WITHDRAWN, SENSURFRIST, 2));
    Command withdraw = only(d);
    assertThat(withdraw.partner()).isEqualTo(Partner.INSPERA);
    assertThat(withdraw.operation()).isEqualTo(Operations.WITHDRAW_APPEAL);
    assertThat(withdraw.causationId()).isEqualTo(withdrawn.contentHash());
    assertThat(Wire.payload(withdraw).path("vurdId").asText()).isEqualTo("INF1000-1");
    assertThat(Wire.payload(withdraw).path("kandidatnr").asText()).isEqualTo("10001");
    assertThat(Wire.payload(withdraw).path("testId").asText()).isEqualTo("35199862");
    assertThat(Wire.payload(withdraw).path("candidateUserId").asText()).isEqualTo("5001101");
    assertThat(Wire.payload(withdraw).path("round").asInt()).isEqualTo(2);
  }

  @Test
  void aWithdrawnAppealInWiseflowIsRecordedOnTheCaseAndNothingIsCalledForWiseflowHasNoWithdrawal() {
    Decision d = AppealRules.onFsAppeal(withAppeal(newCase(ExamSystem.WISEFLOW), AppealStatus.ACTIVE, 1),
        appeal(ExamSystem.WISEFLOW, FsAppeal.WITHDRAWN), NOW);

    assertThat(d.commands()).isEmpty();
    assertThat(d.state().appeal()).isEqualTo(new Appeal(AppealStatus.WITHDRAWN, SENSURFRIST, 1));
  }

  @ParameterizedTest(name = "when {0}")
  @EnumSource(value = AppealStatus.class, names = {"NONE", "WITHDRAWN", "CLOSED"})
  void aWithdrawnAppealThatIsNotOpenIsRecordedAndNothingIsWithdrawnInInspera(AppealStatus notOpen) {
    Decision d = AppealRules.onFsAppeal(withAppeal(newCase(ExamSystem.INSPERA), notOpen, 1),
        appeal(ExamSystem.INSPERA, FsAppeal.WITHDRAWN), NOW);

    assertThat(d.commands()).isEmpty();
    assertThat(d.state().appeal()).isEqualTo(new Appeal(AppealStatus.WITHDRAWN, SENSURFRIST, 1));
  }

  @ParameterizedTest(name = "klagestatus \"{0}\"")
  @ValueSource(strings = {"UKJENT", ""})
  void anAppealWithAnyOtherStatusThanAktivOrTrukketLeavesTheCaseAsItWas(String klagestatus) {
    CaseState active = withAppeal(newCase(ExamSystem.INSPERA), AppealStatus.ACTIVE, 1);

    Decision d = AppealRules.onFsAppeal(active, appeal(ExamSystem.INSPERA, klagestatus), NOW);

    assertThat(d.commands()).isEmpty();
    assertThat(d.state()).isEqualTo(active);
  }

  @Test
  void insperasDecisionOnAnActiveAppealIsRegisteredInFsAndTheAppealIsDecided() {
    Decision d = AppealRules.onDecision(withAppeal(newCase(ExamSystem.INSPERA), AppealStatus.ACTIVE, 2), DECIDED_AT,
        "event-1", NOW);

    assertThat(d.state().appeal()).isEqualTo(new Appeal(AppealStatus.DECIDED, SENSURFRIST, 2));
    Command close = only(d);
    assertThat(close.partner()).isEqualTo(Partner.FS);
    assertThat(close.operation()).isEqualTo(Operations.REGISTER_APPEAL_DECISION);
    assertThat(close.causationId()).isEqualTo("event-1");
    assertThat(Wire.payload(close).path("examSystem").asText()).isEqualTo("INSPERA");
    assertThat(Wire.payload(close).path("vurdId").asText()).isEqualTo("INF1000-1");
    assertThat(Wire.payload(close).path("kandidatnr").asText()).isEqualTo("10001");
    assertThat(Wire.payload(close).path("decidedAt").asText()).isEqualTo("2026-06-25T12:00:00Z");
    assertThat(Wire.payload(close).path("round").asInt()).isEqualTo(2);
  }

  @ParameterizedTest(name = "when {0}")
  @EnumSource(value = AppealStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
  void aDecisionOnAnAppealThatIsNotActiveIsIgnored(AppealStatus notActive) {
    CaseState s = withAppeal(newCase(ExamSystem.INSPERA), notActive, 1);

    Decision d = AppealRules.onDecision(s, DECIDED_AT, "event-1", NOW);

    assertThat(d.commands()).isEmpty();
    assertThat(d.state()).isEqualTo(s);
  }

  @Test
  void fsHavingRegisteredTheDecisionClosesTheAppealAndKeepsItsDeadlineAndRound() {
    CaseState closed = AppealRules.onDecisionRegistered(withAppeal(newCase(ExamSystem.INSPERA), AppealStatus.DECIDED, 2));

    assertThat(closed.appeal()).isEqualTo(new Appeal(AppealStatus.CLOSED, SENSURFRIST, 2));
    assertThat(closed.appeal().open()).isFalse();
  }

  private static Command only(Decision d) {
    assertThat(d.commands()).hasSize(1);
    return d.commands().get(0);
  }
}
