package no.examhub.partner.proctoring;

import java.util.List;

/**
 * An operator's roster of one exam, as uploaded: candidates with their clear access codes, which
 * are keyed (HMAC, {@link AccessCodeKey}) before anything is written. Positions say where the vendor's {@code fields} carry
 * the candidate id and the access code (defaults 0 and 1).
 */
record RosterUpload(Integer candidateIdPosition, Integer accessCodePosition, List<Candidate> candidates) {

  record Candidate(String candidateId, String accessCode, String name, String email, String photoUrl,
      String about, String data) {

    @Override
    public String toString() {
      return "Candidate[accessCode hidden]";
    }
  }

  int candidatePosition() {
    return candidateIdPosition == null ? RespondentVerifier.DEFAULT_CANDIDATE_POSITION : candidateIdPosition;
  }

  int codePosition() {
    return accessCodePosition == null ? RespondentVerifier.DEFAULT_ACCESS_CODE_POSITION : accessCodePosition;
  }
}
