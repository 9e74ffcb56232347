package no.examhub.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that asynchronous work makes true, failing with a clear message; or just waits. */
public final class Eventually {
  private Eventually() {}

  public static void holds(Duration within, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition did not hold within " + within);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /** Lets {@code time} pass, e.g. while load runs; an interruption fails the test. */
  public static void pause(Duration time) {
    try {
      Thread.sleep(time.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
