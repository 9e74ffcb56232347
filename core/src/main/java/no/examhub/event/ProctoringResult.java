package no.examhub.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import no.examhub.platform.streams.ContentHash;

/**
 * A proctoring outcome an examiner may need: the vendor's (ExamJoint) result or finished
 * investigation, or Proview's rating of a session. Keyed {@code institution/examId}.
 *
 * @param source {@code examjoint} or {@code proview}
 * @param examId the vendor's exam_id, or Proview's external_id (the session uuid when absent)
 * @param respondentId the vendor's respondent_id, or Proview's session uuid
 * @param kind {@code result_ready}, {@code investigation_complete} or {@code rating}
 * @param rating Proview's final_rating; null for the vendor, whose events carry none
 * @param status Proview's session status; null for the vendor
 * @param systemInfo Proview's system_info as it came; null for the vendor
 * @param at when Examhub received the event (vendor) or fetched the session (Proview)
 */
public record ProctoringResult(
    String institution,
    String source,
    String examId,
    String respondentId,
    String kind,
    String rating,
    String status,
    String sessionStartedAt,
    JsonNode systemInfo,
    Instant at) {

  public static final String EXAMJOINT = "examjoint";
  public static final String PROVIEW = "proview";
  public static final String RESULT_READY = "result_ready";
  public static final String INVESTIGATION_COMPLETE = "investigation_complete";
  public static final String RATING = "rating";

  /** What makes two results the same fact; the receive time is left out so a redelivery matches. */
  public String contentHash() {
    return ContentHash.of(institution, source, examId, respondentId, kind, rating, status, sessionStartedAt,
        systemInfo == null ? null : systemInfo.toString());
  }

  public String key() {
    return institution + "/" + examId;
  }
}
