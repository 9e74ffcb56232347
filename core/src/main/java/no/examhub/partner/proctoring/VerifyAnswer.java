package no.examhub.partner.proctoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import no.examhub.event.RosterEntry;

/**
 * The answer to {@code verify_respondent}: {@code metadata} when the respondent may enter,
 * {@code errorMessage} (and no metadata) when not. The vendor treats a present errorMessage as a
 * rejection, so it must be absent, not null, on success.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record VerifyAnswer(Metadata metadata, String errorMessage) {

  /** What the vendor shows and uses for face detection ({@code photo}: a URL of a sharp picture). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Metadata(String name, String email, String photo, String about, String data) {}

  static VerifyAnswer admitted(RosterEntry entry) {
    return new VerifyAnswer(new Metadata(entry.name(), entry.email(), entry.photoUrl(), entry.about(), entry.data()),
        null);
  }

  static VerifyAnswer rejected(Rejection reason, String language) {
    return new VerifyAnswer(null, reason.message(language));
  }
}
