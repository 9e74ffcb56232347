package no.examhub.partner.archive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import no.examhub.event.Payload;
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

  static ObjectNode of(Payload.ArchiveThesis p) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("recordType", RECORD_TYPE);
    r.put("externalReference", p.institution() + "/" + p.vurdId() + "/" + p.kandidatnr());
    put(r, "institution", p.institution());
    put(r, "examSystem", p.examSystem() == null ? null : p.examSystem().name());
    put(r, "vurdId", p.vurdId());
    put(r, "testId", p.testId());
    put(r, "title", p.title());
    put(r, "grade", p.grade());
    r.putObject("candidate").put("kandidatnr", p.kandidatnr());
    put(r.putObject("dates"), "gradesPublishedAt", p.gradesPublishedAt() == null ? null : p.gradesPublishedAt().toString());
    ObjectNode status = r.putObject("caseStatus");
    put(status, "appealStatus", p.appealStatus());
    put(status, "explanationStatus", p.explanationStatus());
    ArrayNode files = r.putArray("files");
    for (Payload.ThesisFile f : p.files() == null ? List.<Payload.ThesisFile>of() : p.files()) {
      ObjectNode file = files.addObject();
      put(file, "fileName", f.fileName());
      put(file, "url", f.url());
      if (f.contentItemId() != null && !f.contentItemId().isNull()) {
        file.set("contentItemId", f.contentItemId());
      }
      if (f.fileSize() != null && !f.fileSize().isNull()) {
        file.set("fileSize", f.fileSize());
      }
    }
    return r;
  }

  /** Absent fields stay absent, as the archive's mapping expects. */
  private static void put(ObjectNode to, String field, String value) {
    if (value != null) {
      to.put(field, value);
    }
  }
}
