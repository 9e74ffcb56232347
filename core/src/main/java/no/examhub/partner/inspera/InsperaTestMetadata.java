package no.examhub.partner.inspera;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import no.examhub.event.Payload;
import no.examhub.event.Result;

/**
 * {@code GET /v1/test/{testId}} in the terms of the archive flow: is the test a master thesis
 * ({@code assessmentInfo.assessmentType} {@code MASTER_THESIS}: the seeds name no field, this is
 * our assumption), its vurdId ({@code externalTestInfo.externalId}), title, when grades were
 * published ({@code assessmentInfo.gradesPublishedDate}, else the latest {@code gradedDate}), and per
 * candidate the grade and the delivered files ({@code assetsDownloadInfo}).
 */
final class InsperaTestMetadata {
  static final String MASTER_THESIS = "MASTER_THESIS";

  private InsperaTestMetadata() {}

  static Result.TestMetadata result(String testId, JsonNode test, Instant now) {
    Instant latestGraded = null;
    List<Result.ThesisCandidate> candidates = new ArrayList<>();
    for (JsonNode c : test.path("candidates")) {
      List<Payload.ThesisFile> files = new ArrayList<>();
      for (JsonNode f : c.path("assetsDownloadInfo")) {
        files.add(new Payload.ThesisFile(f.path("fileName").asText(null), f.get("contentItemId"), f.get("fileSize"),
            f.path("url").asText(null)));
      }
      candidates.add(new Result.ThesisCandidate(c.path("candidateId").asText(), c.path("userId").asText(),
          c.path("finalGrade").asText(null), files));
      Instant graded = instant(c.path("gradedDate").asText(null));
      if (graded != null && (latestGraded == null || graded.isAfter(latestGraded))) {
        latestGraded = graded;
      }
    }
    Instant published = instant(test.path("assessmentInfo").path("gradesPublishedDate").asText(null));
    return new Result.TestMetadata(testId,
        MASTER_THESIS.equalsIgnoreCase(test.path("assessmentInfo").path("assessmentType").asText()),
        test.path("externalTestInfo").path("externalId").asText(null), test.path("generalInfo").path("title").asText(null),
        candidates, published != null ? published : latestGraded != null ? latestGraded : now);
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
