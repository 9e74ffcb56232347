package no.examhub.partner.proctoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Limits refused {@code verify_respondent} attempts per respondent (the candidate id typed) and
 * exam: after {@code maxFailures} within {@code window} of the first, every attempt, the right code
 * included, is answered 429 until the window has passed. An admission clears the count. The key is
 * what was typed, whether or not such a candidate exists, so the limit tells nothing about who is
 * enrolled either.
 *
 * <p>In memory and bounded: at most {@code maxTracked} respondents are followed; beyond that the
 * longest-unused one is forgotten and counted ({@code examhub_proctoring_attempts_forgotten_total}).
 * Each instance counts its own: behind N instances a respondent gets at most N times the limit.
 */
final class VerifyAttempts {
  static final int MAX_TRACKED = 100_000;

  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Counter forgotten;
  private final Map<String, Failures> failures;

  VerifyAttempts(int maxFailures, Duration window, Clock clock, int maxTracked, MeterRegistry registry) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
    this.forgotten = Counter.builder("examhub.proctoring.attempts.forgotten")
        .description("Respondents whose refused verify_respondent attempts were forgotten to keep the count bounded")
        .register(registry);
    this.failures = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
        if (size() > maxTracked) {
          forgotten.increment();
          return true;
        }
        return false;
      }
    };
  }

  /** How long the respondent must wait, when the limit is reached. */
  synchronized Optional<Duration> blocked(String institution, String examId, String candidateId) {
    Failures f = failures.get(key(institution, examId, candidateId));
    Instant now = clock.instant();
    if (f == null || !now.isBefore(f.since.plus(window))) {
      return Optional.empty();
    }
    return f.count >= maxFailures ? Optional.of(Duration.between(now, f.since.plus(window))) : Optional.empty();
  }

  synchronized void failed(String institution, String examId, String candidateId) {
    Instant now = clock.instant();
    failures.compute(key(institution, examId, candidateId), (k, f) ->
        f == null || !now.isBefore(f.since.plus(window)) ? new Failures(now, 1) : new Failures(f.since, f.count + 1));
  }

  synchronized void admitted(String institution, String examId, String candidateId) {
    failures.remove(key(institution, examId, candidateId));
  }

  private static String key(String institution, String examId, String candidateId) {
    return institution + '\n' + examId + '\n' + candidateId;
  }

  private record Failures(Instant since, int count) {}
}
