package no.examhub.platform.http;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket of {@code ratePerSecond} tokens that refills continuously and holds one second's
 * worth, kept as one atomic number (the generic cell rate algorithm): the time at which the
 * bucket is full again once the tokens already taken have been paid back. Taking a token is one compare-and-set, no lock, no refill thread,
 * so it costs next to nothing on the ingress hot path.
 */
public final class TokenBucket {
  private static final long SECOND = 1_000_000_000L;

  private final long interval;
  private final long burst;
  private final LongSupplier nanoTime;
  private final AtomicLong fullAt;

  public TokenBucket(int ratePerSecond, LongSupplier nanoTime) {
    this.interval = Math.max(1, SECOND / ratePerSecond);
    this.burst = interval * ratePerSecond;
    this.nanoTime = nanoTime;
    this.fullAt = new AtomicLong(nanoTime.getAsLong());
  }

  public TokenBucket(int ratePerSecond) {
    this(ratePerSecond, System::nanoTime);
  }

  /** Whether the bucket is full again: forgetting it then loses nothing, a new one is the same. */
  public boolean isFull() {
    return fullAt.get() - nanoTime.getAsLong() <= 0;
  }

  /**
   * Takes a token when there is one.
   *
   * @return 0 when a token was taken, else the nanoseconds until the next one is there
   */
  public long tryTake() {
    while (true) {
      long now = nanoTime.getAsLong();
      long current = fullAt.get();
      long next = Math.max(current - now, 0) + now + interval;
      if (next - now > burst) {
        return next - now - burst;
      }
      if (fullAt.compareAndSet(current, next)) {
        return 0;
      }
    }
  }
}
