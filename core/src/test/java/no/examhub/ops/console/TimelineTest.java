package no.examhub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.examhub.event.ExamSystem;
import no.examhub.flow.cases.CaseState;
import no.examhub.flow.cases.CaseState.HistoryEntry;
import no.examhub.flow.cases.CaseState.Received;
import org.junit.jupiter.api.Test;

/** The case page's timeline: FS records, exam events, their repeats and the commands, in time order. */
class TimelineTest {
  private static final Instant T = Instant.parse("2026-06-01T08:00:00Z");

  @Test
  void recordsTheirRepeatsAndCommandsAreInTimeOrder() {
    CaseState c = caseWith(List.of(
        new Received(Received.FS_APPEAL, "AKTIV", "0123456789abcdef", T.plusSeconds(1), 2, T.plusSeconds(5)),
        new Received(Received.EXAM_EVENT, "appeal-decision", "fedcba9876543210", T.plusSeconds(4), 0, null)));

    List<Pages.Step> steps = Timeline.of(c, Map.of(), Map.of());

    assertThat(steps).extracting(Pages.Step::at, Pages.Step::what).containsExactly(
        org.assertj.core.groups.Tuple.tuple("2026-06-01 08:00:01 UTC", "appeal (klage) received"),
        org.assertj.core.groups.Tuple.tuple("2026-06-01 08:00:02 UTC", "command register-appeal"),
        org.assertj.core.groups.Tuple.tuple("2026-06-01 08:00:03 UTC", "register-appeal"),
        org.assertj.core.groups.Tuple.tuple("2026-06-01 08:00:04 UTC", "event received"),
        org.assertj.core.groups.Tuple.tuple("2026-06-01 08:00:05 UTC", "appeal (klage) repeat deduplicated"));
    assertThat(steps.get(0).system()).isEqualTo("FS");
    assertThat(steps.get(0).status()).isEqualTo("AKTIV, polled from FS");
    assertThat(steps.get(3).system()).isEqualTo("INSPERA");
    assertThat(steps.get(4).status()).startsWith("2 repeats");
  }

  @Test
  void aCaseStoredBeforeCasesKeptTheirRecordsShowsItsAppealNotRecordedFirst() {
    List<Pages.Step> steps = Timeline.of(caseWith(null), Map.of(), Map.of());

    assertThat(steps.get(0).at()).isEqualTo("not recorded");
    assertThat(steps.get(0).what()).isEqualTo("appeal (klage) received");
    assertThat(steps).extracting(Pages.Step::what).containsSubsequence("appeal (klage) received", "command register-appeal");
  }

  @Test
  void aRepeatWhoseFirstWasNotRecordedSaysSo() {
    List<Pages.Step> steps = Timeline.of(caseWith(List.of(
        new Received(Received.FS_APPEAL, "AKTIV", "0123456789abcdef", null, 1, T.plusSeconds(9)))), Map.of(), Map.of());

    assertThat(steps).extracting(Pages.Step::at, Pages.Step::what).startsWith(
        org.assertj.core.groups.Tuple.tuple("not recorded", "appeal (klage) received"));
    assertThat(steps.get(steps.size() - 1).what()).isEqualTo("appeal (klage) repeat deduplicated");
  }

  private static CaseState caseWith(List<Received> received) {
    return new CaseState("demo/INF1000-1/10001", "demo", ExamSystem.INSPERA, "INF1000-1", "10001",
        new CaseState.Appeal(CaseState.AppealStatus.ACTIVE, LocalDate.parse("2026-06-20"), 1), explanationNone(),
        new CaseState.Ids(null, null, null, null, null, null), null,
        List.of(new HistoryEntry(T.plusSeconds(2), "command", "register-appeal", "cmd-1", null, null),
            new HistoryEntry(T.plusSeconds(3), "outcome", "register-appeal", "cmd-1", true, null)),
        T.plusSeconds(3), received);
  }

  private static CaseState.Explanation explanationNone() {
    return new CaseState.Explanation(CaseState.ExplanationStatus.NONE, null, null);
  }
}
