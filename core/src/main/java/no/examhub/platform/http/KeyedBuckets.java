package no.examhub.platform.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per key (a client address, a source and institution), in a map that
 * never holds more than {@code capacity} buckets, so keys an attacker invents (spoofed addresses,
 * made-up institutions) cannot grow the heap. At capacity, buckets that are full again are
 * dropped (at most one sweep a second, so a flood of new keys cannot make every request walk the
 * map): a full bucket is the same as a new one, so nothing is lost. Keys that still find no room
 * share one overflow bucket, counted in {@link #overflowed()}, until a sweep makes room.
 */
public final class KeyedBuckets {
  private static final long SECOND = 1_000_000_000L;

  private final int ratePerSecond;
  private final int capacity;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final TokenBucket overflow;
  private final AtomicLong lastSweep;
  private final AtomicLong overflowed = new AtomicLong();

  public KeyedBuckets(int ratePerSecond, int capacity, LongSupplier nanoTime) {
    this.ratePerSecond = ratePerSecond;
    this.capacity = capacity;
    this.nanoTime = nanoTime;
    this.overflow = new TokenBucket(ratePerSecond, nanoTime);
    this.lastSweep = new AtomicLong(nanoTime.getAsLong() - SECOND);
  }

  public KeyedBuckets(int ratePerSecond, int capacity) {
    this(ratePerSecond, capacity, System::nanoTime);
  }

  /** As {@link TokenBucket#tryTake()}: 0 when the key's bucket gave a token, else nanoseconds to wait. */
  public long tryTake(String key) {
    TokenBucket bucket = buckets.get(key);
    if (bucket == null) {
      bucket = bucketFor(key);
    }
    return bucket.tryTake();
  }

  private TokenBucket bucketFor(String key) {
    if (buckets.size() >= capacity) {
      sweep();
      if (buckets.size() >= capacity) {
        overflowed.incrementAndGet();
        return overflow;
      }
    }
    return buckets.computeIfAbsent(key, k -> new TokenBucket(ratePerSecond, nanoTime));
  }

  private void sweep() {
    long now = nanoTime.getAsLong();
    long last = lastSweep.get();
    if (now - last >= SECOND && lastSweep.compareAndSet(last, now)) {
      buckets.values().removeIf(TokenBucket::isFull);
    }
  }

  /** Buckets held now; never more than the capacity. */
  public int size() {
    return buckets.size();
  }

  /** How many takes found the map full and used the shared overflow bucket. */
  public long overflowed() {
    return overflowed.get();
  }
}
