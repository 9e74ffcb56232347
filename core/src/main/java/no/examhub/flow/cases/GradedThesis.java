package no.examhub.flow.cases;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import no.examhub.event.CaseKeys;
import no.examhub.event.ExamSystem;

/** A candidate's master thesis whose grade was published, from the exam system's test metadata. */
public record GradedThesis(String institution, ExamSystem examSystem, String vurdId, String kandidatnr,
    String testId, String title, String grade, Instant gradesPublishedAt, JsonNode files) {

  public String caseKey() {
    return CaseKeys.of(institution, vurdId, kandidatnr);
  }
}
