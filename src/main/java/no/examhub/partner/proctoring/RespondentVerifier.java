package no.examhub.partner.proctoring;

import java.util.Optional;
import no.examhub.event.RosterEntry;
import no.examhub.flow.proctoring.RosterStore;
import no.examhub.ingress.Hmac;

/**
 * Decides {@code verify_respondent} from the roster alone: the exam must be on it, the candidate
 * on the exam, and the access code must hash to the stored hash (compared in constant time).
 * Positions default to 0 (candidate id) and 1 (access code) until the exam's roster says otherwise.
 */
final class RespondentVerifier {
  static final int DEFAULT_CANDIDATE_POSITION = 0;
  static final int DEFAULT_ACCESS_CODE_POSITION = 1;

  private final RosterStore roster;

  RespondentVerifier(RosterStore roster) {
    this.roster = roster;
  }

  /** The outcome; {@code candidateId} is what the respondent typed, when we could tell. */
  record Outcome(String candidateId, RosterEntry admitted, Rejection rejection) {}

  /** @throws RosterStore.Unavailable while the roster cannot be read on this instance */
  Outcome verify(String institution, ProctoringWebhook request) {
    Optional<RosterEntry> exam = roster.anyOfExam(institution, request.examId());
    int candidatePosition = exam.map(RosterEntry::candidateIdPosition).orElse(DEFAULT_CANDIDATE_POSITION);
    int codePosition = exam.map(RosterEntry::accessCodePosition).orElse(DEFAULT_ACCESS_CODE_POSITION);
    String candidateId = request.field(candidatePosition);
    String accessCode = request.field(codePosition);
    if (exam.isEmpty()) {
      return new Outcome(candidateId, null, Rejection.UNKNOWN_EXAM);
    }
    if (candidateId == null || accessCode == null) {
      return new Outcome(candidateId, null, Rejection.MISSING_FIELDS);
    }
    Optional<RosterEntry> entry = roster.candidate(institution, request.examId(), candidateId);
    if (entry.isEmpty()) {
      return new Outcome(candidateId, null, Rejection.UNKNOWN_CANDIDATE);
    }
    if (!Hmac.matchesHash(entry.get().accessCodeHash(), accessCode)) {
      return new Outcome(candidateId, null, Rejection.WRONG_ACCESS_CODE);
    }
    return new Outcome(candidateId, entry.get(), null);
  }
}
