package no.examhub.faults.load;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Instants ({@link System#nanoTime()}) at which something made progress: a webhook acknowledged,
 * records arriving on a topic. A stall is the longest stretch of a window without any.
 */
final class Timeline {
  private final List<Long> instants = new ArrayList<>();

  synchronized void add(long nanos) {
    instants.add(nanos);
  }

  /** The longest time within [from, to] with no progress, the window's edges counted as ends of a gap. */
  synchronized double longestGapSeconds(long fromNanos, long toNanos) {
    long previous = fromNanos;
    long longest = 0;
    for (long t : instants.stream().filter(t -> t > fromNanos && t < toNanos).sorted().toList()) {
      longest = Math.max(longest, t - previous);
      previous = t;
    }
    return Math.max(longest, toNanos - previous) / 1e9;
  }

  synchronized long countBetween(long fromNanos, long toNanos) {
    return instants.stream().filter(t -> t >= fromNanos && t < toNanos).count();
  }

  /** The first instant after {@code fromNanos}, if any. */
  synchronized OptionalLong firstAfter(long fromNanos) {
    return instants.stream().mapToLong(Long::longValue).filter(t -> t > fromNanos).min();
  }

  synchronized List<Long> all() {
    return new ArrayList<>(instants);
  }
}
