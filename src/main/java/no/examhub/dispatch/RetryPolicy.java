package no.examhub.dispatch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter, so a partner coming back is not hit by every waiting
 * command at once; a partner's own {@code Retry-After} wins.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {
  public boolean mayRetry(int attempt) {
    return attempt < maxAttempts;
  }

  public Duration delayAfter(int attempt, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter;
    }
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
    long jittered = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    return Duration.ofMillis(jittered);
  }
}
