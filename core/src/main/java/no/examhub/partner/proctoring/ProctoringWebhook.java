package no.examhub.partner.proctoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Any webhook of the proctoring vendor (ExamJoint, seed 001). {@code verify_respondent} carries
 * the respondent's entry {@code fields} and language; the asynchronous events carry
 * {@code respondent_id} (and {@code admittedOn}, epoch millis, for {@code admitted_respondent}).
 * Field names are the vendor's, spelling included ({@code choosenLang}).
 */
record ProctoringWebhook(
    String event,
    @JsonProperty("exam_id") String examId,
    List<Field> fields,
    String choosenLang,
    @JsonProperty("respondent_id") String respondentId,
    Long admittedOn) {

  static final String VERIFY_RESPONDENT = "verify_respondent";

  /** One entry field the respondent filled in, by its position on the vendor's welcome page. */
  record Field(Integer position, String value) {}

  /** The value at a position, or null when the respondent left it out or blank. */
  String field(int position) {
    if (fields == null) {
      return null;
    }
    for (Field f : fields) {
      if (f != null && f.position() != null && f.position() == position && f.value() != null && !f.value().isBlank()) {
        return f.value();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "ProctoringWebhook[" + event + ", exam " + examId + ", fields hidden]";
  }
}
