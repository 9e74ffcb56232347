package no.examhub.platform.process;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What every child JVM (the embedded broker, a crash test's Examhub) needs to be stopped. */
public final class ChildProcesses {
  private ChildProcesses() {}

  /**
   * SIGTERM, so the child's shutdown hook can close it cleanly; SIGKILL when it has not exited
   * within {@code grace} (or when the wait is interrupted).
   */
  public static void stop(Process process, Duration grace) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
