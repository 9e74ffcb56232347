package no.examhub.partner.proctoring;

import java.time.Duration;
import java.util.Optional;
import no.examhub.event.RosterEntry;
import no.examhub.flow.proctoring.RosterStore;

/**
 * Decides {@code verify_respondent} from the roster alone: the exam must be on it, the candidate
 * on the exam, and the access code's HMAC under the server-held key ({@link AccessCodeKey}) must
 * equal the stored one (compared in constant time). The MAC is computed for every request, also
 * when there is no entry to compare it with, so the time taken does not tell an unknown candidate
 * from a wrong code either. Refused attempts are limited per respondent and exam
 * ({@link VerifyAttempts}). Positions default to 0 (candidate id) and 1 (access code) until the
 * exam's roster says otherwise.
 */
final class RespondentVerifier {
  static final int DEFAULT_CANDIDATE_POSITION = 0;
  static final int DEFAULT_ACCESS_CODE_POSITION = 1;
  /** Compared against when there is no entry: a MAC no code has. */
  private static final String NO_ENTRY = "0".repeat(64);

  private final RosterStore roster;
  private final AccessCodeKey key;
  private final VerifyAttempts attempts;

  RespondentVerifier(RosterStore roster, AccessCodeKey key, VerifyAttempts attempts) {
    this.roster = roster;
    this.key = key;
    this.attempts = attempts;
  }

  /**
   * The outcome; {@code candidateId} is what the respondent typed, when we could tell;
   * {@code retryAfter} is set with {@link Rejection#TOO_MANY_ATTEMPTS}.
   */
  record Outcome(String candidateId, RosterEntry admitted, Rejection rejection, Duration retryAfter) {}

  /** @throws RosterStore.Unavailable while the roster cannot be read on this instance */
  Outcome verify(String institution, ProctoringWebhook request) {
    Optional<RosterEntry> exam = roster.anyOfExam(institution, request.examId());
    int candidatePosition = exam.map(RosterEntry::candidateIdPosition).orElse(DEFAULT_CANDIDATE_POSITION);
    int codePosition = exam.map(RosterEntry::accessCodePosition).orElse(DEFAULT_ACCESS_CODE_POSITION);
    String candidateId = request.field(candidatePosition);
    String accessCode = request.field(codePosition);
    if (candidateId == null || accessCode == null) {
      return new Outcome(candidateId, null, Rejection.MISSING_FIELDS, null);
    }
    Optional<Duration> wait = attempts.blocked(institution, request.examId(), candidateId);
    if (wait.isPresent()) {
      return new Outcome(candidateId, null, Rejection.TOO_MANY_ATTEMPTS, wait.get());
    }
    Optional<RosterEntry> entry = exam.isEmpty() ? Optional.empty()
        : roster.candidate(institution, request.examId(), candidateId);
    boolean codeMatches = key.matches(entry.map(RosterEntry::accessCodeMac).orElse(NO_ENTRY), accessCode);
    Rejection rejection = exam.isEmpty() ? Rejection.UNKNOWN_EXAM
        : entry.isEmpty() ? Rejection.UNKNOWN_CANDIDATE
        : !codeMatches ? Rejection.WRONG_ACCESS_CODE : null;
    if (rejection != null) {
      attempts.failed(institution, request.examId(), candidateId);
      return new Outcome(candidateId, null, rejection, null);
    }
    attempts.admitted(institution, request.examId(), candidateId);
    return new Outcome(candidateId, entry.get(), null, null);
  }
}
