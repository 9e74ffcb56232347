package no.examhub.flow.cases;

import java.time.Duration;
import java.time.Instant;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
import no.examhub.flow.cases.CaseState.Thesis;

/**
 * Master theses are archived once the appeal and explanation deadlines after the grades were
 * published have passed and nothing on the case is still open; an appeal opened in time holds
 * the thesis until it is closed. Exactly one archive command per thesis.
 */
final class ArchiveRules {
  private final Duration appealPeriod;
  private final Duration explanationPeriod;

  ArchiveRules(Duration appealPeriod, Duration explanationPeriod) {
    this.appealPeriod = appealPeriod;
    this.explanationPeriod = explanationPeriod;
  }

  CaseState onGraded(CaseState s, GradedThesis t) {
    if (s.thesis() != null && s.thesis().archived()) {
      return s;
    }
    Duration hold = appealPeriod.compareTo(explanationPeriod) >= 0 ? appealPeriod : explanationPeriod;
    return s.withThesis(new Thesis(t.testId(), t.title(), t.grade(), t.gradesPublishedAt(),
        t.gradesPublishedAt().plus(hold), t.files(), null));
  }

  /** The archive command when the thesis is due and free; otherwise no command. */
  Decision archiveIfDue(CaseState s, Instant now) {
    Thesis t = s.thesis();
    if (t == null || t.archived() || now.isBefore(t.dueAt()) || s.appeal().open() || s.explanation().open()) {
      return Decision.of(s);
    }
    Command archive = Command.of(s.institution(), Partner.ARCHIVE, new Payload.ArchiveThesis(s.institution(),
        s.examSystem(), s.vurdId(), s.kandidatnr(), t.testId(), t.title(), t.grade(), t.gradesPublishedAt(),
        s.appeal().status().name(), s.explanation().status().name(), t.files()), s.caseKey(), now);
    Thesis archived = new Thesis(t.testId(), t.title(), t.grade(), t.gradesPublishedAt(), t.dueAt(), t.files(),
        archive.commandId());
    return Decision.of(s.withThesis(archived), archive);
  }
}
