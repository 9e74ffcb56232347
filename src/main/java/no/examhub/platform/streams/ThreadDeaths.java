package no.examhub.platform.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** When stream threads died: too many within a window means a thread that keeps dying. */
final class ThreadDeaths {
  private final int limit;
  private final Duration window;
  private final Deque<Instant> deaths = new ArrayDeque<>();

  ThreadDeaths(int limit, Duration window) {
    this.limit = limit;
    this.window = window;
  }

  synchronized void record(Instant when) {
    deaths.addLast(when);
  }

  /** Fewer than {@code limit} deaths within the window before {@code now}. */
  synchronized boolean stable(Instant now) {
    Instant since = now.minus(window);
    while (!deaths.isEmpty() && deaths.peekFirst().isBefore(since)) {
      deaths.pollFirst();
    }
    return deaths.size() < limit;
  }
}
