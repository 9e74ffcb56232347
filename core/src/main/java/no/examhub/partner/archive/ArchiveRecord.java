package no.examhub.partner.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.examhub.platform.json.Json;

/**
 * The archive record of a master thesis, after the archive's mapping document: the record type,
 * a stable external reference (the case key, so the archive can find it again), the institution
 * and exam, the candidate by candidate number only (no person number leaves Examhub), title,
 * grade, dates, the state of appeal and explanation, and references to the files (the archive
 * fetches them from the exam system's URLs; Examhub does not carry thesis bytes).
 */
final class ArchiveRecord {
  static final String RECORD_TYPE = "masteroppgave";

  private ArchiveRecord() {}

  static ObjectNode of(JsonNode p) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("recordType", RECORD_TYPE);
    r.put("externalReference", p.path("institution").asText() + "/" + p.path("vurdId").asText() + "/"
        + p.path("kandidatnr").asText());
    copy(p, r, "institution", "examSystem", "vurdId", "testId", "title", "grade");
    r.putObject("candidate").put("kandidatnr", p.path("kandidatnr").asText(null));
    ObjectNode dates = r.putObject("dates");
    copy(p, dates, "gradesPublishedAt");
    ObjectNode status = r.putObject("caseStatus");
    copy(p, status, "appealStatus", "explanationStatus");
    ArrayNode files = r.putArray("files");
    for (JsonNode f : p.path("files")) {
      ObjectNode file = files.addObject();
      copy(f, file, "fileName", "url", "contentItemId", "fileSize");
    }
    return r;
  }

  private static void copy(JsonNode from, ObjectNode to, String... fields) {
    for (String f : fields) {
      if (from.hasNonNull(f)) {
        to.set(f, from.get(f));
      }
    }
  }
}
