package no.examhub.partner.proctoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.examhub.event.RosterEntry;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;

/** Checks an upload and turns it into roster entries; the clear access codes go no further than their MAC. */
final class RosterEntries {
  private RosterEntries() {}

  static List<RosterEntry> from(String institution, String examId, RosterUpload upload, AccessCodeKey key) {
    if (upload.candidates() == null) {
      throw invalid("candidates is missing.");
    }
    int idAt = upload.candidatePosition();
    int codeAt = upload.codePosition();
    if (idAt < 0 || codeAt < 0 || idAt == codeAt) {
      throw invalid("candidateIdPosition and accessCodePosition must be different and not negative.");
    }
    List<RosterEntry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < upload.candidates().size(); i++) {
      RosterUpload.Candidate c = upload.candidates().get(i);
      if (c == null || blank(c.candidateId()) || blank(c.accessCode())) {
        throw invalid("candidates[" + i + "] needs candidateId and accessCode.");
      }
      if (!seen.add(c.candidateId())) {
        throw invalid("candidates[" + i + "] repeats a candidateId.");
      }
      entries.add(new RosterEntry(institution, examId, c.candidateId(), key.mac(c.accessCode()), c.name(),
          c.email(), c.photoUrl(), c.about(), c.data(), idAt, codeAt));
    }
    return entries;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static ApiException invalid(String message) {
    return new ApiException(ErrorCode.MALFORMED_REQUEST, message);
  }
}
