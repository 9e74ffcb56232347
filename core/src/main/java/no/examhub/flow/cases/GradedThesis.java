package no.examhub.flow.cases;

import java.time.Instant;
import java.util.List;
import no.examhub.event.CaseKeys;
import no.examhub.event.ExamSystem;
import no.examhub.event.Payload;

/** A candidate's master thesis whose grade was published, from the exam system's test metadata. */
public record GradedThesis(String institution, ExamSystem examSystem, String vurdId, String kandidatnr,
    String testId, String title, String grade, Instant gradesPublishedAt, List<Payload.ThesisFile> files) {

  public String caseKey() {
    return CaseKeys.of(institution, vurdId, kandidatnr);
  }
}
