package no.examhub.flow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import no.examhub.event.ExamSystem;
import no.examhub.flow.cases.CaseState.Appeal;
import no.examhub.flow.cases.CaseState.AppealStatus;
import no.examhub.flow.cases.CaseState.Explanation;
import no.examhub.flow.cases.CaseState.ExplanationStatus;
import no.examhub.flow.cases.CaseState.Thesis;
import org.junit.jupiter.api.Test;

/** What the case gauges report: open cases by flow and state, the archive backlog and its next due time. */
class CaseCensusTest {
  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void openAppealsAndExplanationsAreCountedByStateAndClosedOnesAreNot() {
    CaseCensus census = CaseCensus.of(List.of(
        aCase("1").withAppeal(appeal(AppealStatus.ACTIVE)),
        aCase("2").withAppeal(appeal(AppealStatus.ACTIVE)).withExplanation(explanation(ExplanationStatus.PUBLISHED)),
        aCase("3").withAppeal(appeal(AppealStatus.DECIDED)),
        aCase("4").withAppeal(appeal(AppealStatus.CLOSED)).withExplanation(explanation(ExplanationStatus.REGISTERED))),
        NOW);

    assertThat(census.open("appeal", "active")).isEqualTo(2);
    assertThat(census.open("appeal", "decided")).isEqualTo(1);
    assertThat(census.open("explanation", "published")).isEqualTo(1);
    assertThat(census.open("explanation", "requested")).isZero();
  }

  @Test
  void heldThesesAreCountedAndTheEarliestDueTimeIsReportedArchivedOnesAreNot() {
    CaseCensus census = CaseCensus.of(List.of(
        aCase("1").withThesis(thesis(NOW.plusSeconds(3600), null)),
        aCase("2").withThesis(thesis(NOW.plusSeconds(600), null)),
        aCase("3").withThesis(thesis(NOW.minusSeconds(60), "archive-command-1")),
        aCase("4")), NOW);

    assertThat(census.thesesHeld()).isEqualTo(2);
    assertThat(census.nextDue()).isEqualTo(600.0);
  }

  @Test
  void aThesisHeldPastItsDueTimeByAnOpenAppealIsOverdue() {
    CaseCensus census = CaseCensus.of(List.of(
        aCase("1").withAppeal(appeal(AppealStatus.ACTIVE)).withThesis(thesis(NOW.minusSeconds(120), null))), NOW);

    assertThat(census.nextDue()).isEqualTo(-120.0);
  }

  @Test
  void withNoCasesEveryStateIsZeroAndNothingIsDue() {
    CaseCensus census = CaseCensus.of(List.of(), NOW);

    assertThat(census.open()).hasSize(4).allSatisfy((state, count) -> assertThat(count).isZero());
    assertThat(census.thesesHeld()).isZero();
    assertThat(census.nextDue()).isNaN();
  }

  private static CaseState aCase(String kandidatnr) {
    return CaseState.open("demo/MAST-1/" + kandidatnr, "demo", ExamSystem.INSPERA, "MAST-1", kandidatnr);
  }

  private static Appeal appeal(AppealStatus status) {
    return new Appeal(status, LocalDate.parse("2026-12-01"), 1);
  }

  private static Explanation explanation(ExplanationStatus status) {
    return new Explanation(status, LocalDate.parse("2026-11-20"), null);
  }

  private static Thesis thesis(Instant dueAt, String archiveCommandId) {
    return new Thesis("t-1", "A thesis", "B", dueAt.minusSeconds(86_400), dueAt, null, archiveCommandId);
  }
}
