package no.examhub.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.utils.Exit;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * What a test JVM must not let a broker do. Kafka's broker halts its JVM ({@code Runtime.halt(1)})
 * on a fault it cannot recover from, such as a failed log directory; and the test kit's temporary
 * directories are deleted by a shutdown hook that runs beside the one that stops the broker. The
 * broker could then find its files gone while it was still stopping, and halt: the test JVM exited
 * 1 after every test had passed, which Surefire reports as "Error occurred in starting fork". In a
 * test JVM a broker's exit or halt is printed, not obeyed; a real fault still fails the tests that
 * need the broker. Kafka's own tests do the same.
 */
public final class TestJvm {
  private static final AtomicBoolean SET = new AtomicBoolean();

  private TestJvm() {}

  /** Loaded by the JUnit Platform in every test JVM (META-INF/services), before any test starts a broker. */
  public static final class Listener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
      reportKafkaExits();
    }
  }

  public static void reportKafkaExits() {
    if (SET.compareAndSet(false, true)) {
      Exit.setHaltProcedure((code, message) -> System.err.println("Kafka asked to halt the test JVM (" + code + "): "
          + message + "; ignored"));
      Exit.setExitProcedure((code, message) -> System.err.println("Kafka asked to exit the test JVM (" + code + "): "
          + message + "; ignored"));
    }
  }
}
