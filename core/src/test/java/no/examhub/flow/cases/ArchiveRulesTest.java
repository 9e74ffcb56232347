package no.examhub.flow.cases;

import static no.examhub.flow.cases.CaseFixtures.newCase;
import static no.examhub.flow.cases.CaseFixtures.withAppeal;
import static no.examhub.flow.cases.CaseFixtures.withExplanation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.Operations;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
import no.examhub.flow.cases.CaseState.AppealStatus;
import no.examhub.flow.cases.CaseState.ExplanationStatus;
import no.examhub.flow.cases.CaseState.Thesis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Master theses: a graded thesis is held until the appeal and explanation deadlines after its
 * grades were published have both passed (the documented P21D and P7D), and while an appeal or an
 * explanation on the case is open; then it is archived, exactly once.
 */
class ArchiveRulesTest {
  private static final Instant PUBLISHED = Instant.parse("2026-06-01T10:00:00Z");
  private static final Instant DUE = PUBLISHED.plus(Duration.ofDays(21));
  private static final List<Payload.ThesisFile> FILES =
      List.of(new Payload.ThesisFile("thesis.pdf", null, null, "https://inspera.example/f/1"));

  private final ArchiveRules rules = new ArchiveRules(Duration.ofDays(21), Duration.ofDays(7));

  @Test
  void aGradedThesisIsHeldUntilTheLaterOfItsAppealAndExplanationDeadlines() {
    CaseState s = rules.onGraded(newCase(ExamSystem.INSPERA), graded("B"));
    CaseState longerExplanationPeriod = new ArchiveRules(Duration.ofDays(7), Duration.ofDays(30))
        .onGraded(newCase(ExamSystem.INSPERA), graded("B"));

    assertThat(s.thesis()).isEqualTo(new Thesis("35199862", "On queues", "B", PUBLISHED, DUE, FILES, null));
    assertThat(longerExplanationPeriod.thesis().dueAt()).isEqualTo(PUBLISHED.plus(Duration.ofDays(30)));
  }

  @Test
  void aThesisGradedAgainBeforeItIsArchivedTakesTheNewGradeAndDeadline() {
    CaseState first = rules.onGraded(newCase(ExamSystem.INSPERA), graded("B"));
    Instant republished = PUBLISHED.plus(Duration.ofDays(3));

    CaseState again = rules.onGraded(first, new GradedThesis("demo", ExamSystem.INSPERA, "INF1000-1", "10001",
        "35199862", "On queues", "A", republished, FILES));

    assertThat(again.thesis().grade()).isEqualTo("A");
    assertThat(again.thesis().dueAt()).isEqualTo(republished.plus(Duration.ofDays(21)));
  }

  @Test
  void anArchivedThesisIsNeverChangedByALaterGrading() {
    CaseState archived = rules.archiveIfDue(rules.onGraded(newCase(ExamSystem.INSPERA), graded("B")), DUE).state();

    CaseState regraded = rules.onGraded(archived, graded("A"));

    assertThat(regraded).isEqualTo(archived);
    assertThat(regraded.thesis().grade()).isEqualTo("B");
  }

  @Test
  void aCaseWithoutAThesisIsNeverArchived() {
    CaseState s = newCase(ExamSystem.INSPERA);

    Decision d = rules.archiveIfDue(s, DUE.plus(Duration.ofDays(365)));

    assertThat(d.commands()).isEmpty();
    assertThat(d.state()).isEqualTo(s);
  }

  @Test
  void aThesisIsHeldUntilTheMomentItIsDue() {
    CaseState held = rules.onGraded(newCase(ExamSystem.INSPERA), graded("B"));

    assertThat(rules.archiveIfDue(held, DUE.minusMillis(1)).commands()).isEmpty();
    assertThat(rules.archiveIfDue(held, DUE).commands()).hasSize(1);
  }

  @Test
  void aDueThesisIsArchivedOnceWithWhatTheArchiveMappingNeeds() {
    CaseState due = withExplanation(withAppeal(rules.onGraded(newCase(ExamSystem.INSPERA), graded("B")),
        AppealStatus.CLOSED, 1), ExplanationStatus.REGISTERED);

    Decision d = rules.archiveIfDue(due, DUE);

    assertThat(d.commands()).hasSize(1);
    Command archive = d.commands().get(0);
    assertThat(archive.partner()).isEqualTo(Partner.ARCHIVE);
    assertThat(archive.operation()).isEqualTo(Operations.ARCHIVE_THESIS);
    assertThat(archive.causationId()).isEqualTo(due.caseKey());
    assertThat(archive.payload()).isEqualTo(new Payload.ArchiveThesis("demo", ExamSystem.INSPERA, "INF1000-1", "10001",
        "35199862", "On queues", "B", Instant.parse("2026-06-01T10:00:00Z"), "CLOSED", "REGISTERED", FILES));
    assertThat(d.state().thesis().archiveCommandId()).isEqualTo(archive.commandId());
    assertThat(rules.archiveIfDue(d.state(), DUE.plus(Duration.ofDays(1))).commands()).as("archived once").isEmpty();
  }

  @ParameterizedTest(name = "appeal {0}")
  @EnumSource(value = AppealStatus.class, names = {"ACTIVE", "DECIDED"})
  void anOpenAppealHoldsADueThesisUntilItIsClosed(AppealStatus open) {
    CaseState graded = rules.onGraded(newCase(ExamSystem.INSPERA), graded("B"));

    assertThat(rules.archiveIfDue(withAppeal(graded, open, 1), DUE).commands()).isEmpty();
    assertThat(rules.archiveIfDue(withAppeal(graded, AppealStatus.CLOSED, 1), DUE).commands()).hasSize(1);
  }

  @ParameterizedTest(name = "explanation {0}")
  @EnumSource(value = ExplanationStatus.class, names = {"REQUESTED", "PUBLISHED"})
  void anOpenExplanationHoldsADueThesisUntilItIsRegistered(ExplanationStatus open) {
    CaseState graded = rules.onGraded(newCase(ExamSystem.INSPERA), graded("B"));

    assertThat(rules.archiveIfDue(withExplanation(graded, open), DUE).commands()).isEmpty();
    assertThat(rules.archiveIfDue(withExplanation(graded, ExplanationStatus.REGISTERED), DUE).commands()).hasSize(1);
  }

  @Test
  void aWithdrawnAppealDoesNotHoldTheThesis() {
    CaseState graded = rules.onGraded(newCase(ExamSystem.INSPERA), graded("B"));

    assertThat(rules.archiveIfDue(withAppeal(graded, AppealStatus.WITHDRAWN, 1), DUE).commands()).hasSize(1);
  }

  private static GradedThesis graded(String grade) {
    return new GradedThesis("demo", ExamSystem.INSPERA, "INF1000-1", "10001", "35199862", "On queues", grade,
        PUBLISHED, FILES);
  }
}
