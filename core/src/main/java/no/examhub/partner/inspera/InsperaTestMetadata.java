package no.examhub.partner.inspera;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import no.examhub.platform.json.Json;

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

  static JsonNode result(String testId, JsonNode test, Instant now) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("testId", testId);
    r.put("masterThesis", MASTER_THESIS.equalsIgnoreCase(test.path("assessmentInfo").path("assessmentType").asText()));
    r.put("vurdId", test.path("externalTestInfo").path("externalId").asText(null));
    r.put("title", test.path("generalInfo").path("title").asText(null));
    Instant latestGraded = null;
    ArrayNode candidates = r.putArray("candidates");
    for (JsonNode c : test.path("candidates")) {
      ObjectNode out = candidates.addObject();
      out.put("kandidatnr", c.path("candidateId").asText());
      out.put("candidateUserId", c.path("userId").asText());
      out.put("grade", c.path("finalGrade").asText(null));
      ArrayNode files = out.putArray("files");
      for (JsonNode f : c.path("assetsDownloadInfo")) {
        ObjectNode file = files.addObject();
        file.put("fileName", f.path("fileName").asText(null));
        file.set("contentItemId", f.get("contentItemId"));
        file.set("fileSize", f.get("fileSize"));
        file.put("url", f.path("url").asText(null));
      }
      Instant graded = instant(c.path("gradedDate").asText(null));
      if (graded != null && (latestGraded == null || graded.isAfter(latestGraded))) {
        latestGraded = graded;
      }
    }
    Instant published = instant(test.path("assessmentInfo").path("gradesPublishedDate").asText(null));
    r.put("gradesPublishedAt", (published != null ? published : latestGraded != null ? latestGraded : now).toString());
    return r;
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
