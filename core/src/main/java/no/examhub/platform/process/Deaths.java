package no.examhub.platform.process;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** When a thread or loop died: too many within a window means one that keeps dying. */
public final class Deaths {
  private final int limit;
  private final Duration window;
  private final Deque<Instant> deaths = new ArrayDeque<>();

  public Deaths(int limit, Duration window) {
    this.limit = limit;
    this.window = window;
  }

  public synchronized void record(Instant when) {
    deaths.addLast(when);
  }

  /** Fewer than {@code limit} deaths within the window before {@code now}. */
  public synchronized boolean stable(Instant now) {
    Instant since = now.minus(window);
    while (!deaths.isEmpty() && deaths.peekFirst().isBefore(since)) {
      deaths.pollFirst();
    }
    return deaths.size() < limit;
  }
}
