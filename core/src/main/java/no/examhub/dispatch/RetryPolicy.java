package no.examhub.dispatch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, so a partner coming back is not hit by every waiting command at
 * once. A partner's own {@code Retry-After} is a floor ("not before"), never a replacement: a
 * partner that says {@code Retry-After: 1} on every 503 would otherwise hold the delay at one
 * second, and the attempts would run out within seconds of an outage (docs/faults.md). The floor is
 * itself capped at {@code cap} ({@code EXAMHUB_DISPATCH_MAX_BACKOFF}).
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {
  public boolean mayRetry(int attempt) {
    return attempt < maxAttempts;
  }

  public Duration delayAfter(int attempt, Duration retryAfter) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
    Duration backoff = Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    if (retryAfter == null || retryAfter.compareTo(backoff) <= 0) {
      return backoff;
    }
    // Capped: one partner's Retry-After: 3600 would hold its retry partition for an hour, and a
    // huge one would overflow Duration.toMillis() in the worker.
    return retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
  }
}
