package no.examhub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;

/** A broker's halt or exit does not end a test JVM (without the listener this test ends the JVM). */
class TestJvmTest {
  @Test
  void kafkaAskingToHaltOrExitLeavesTheTestJvmRunning() {
    Exit.halt(1, "a log directory failed");
    Exit.exit(1, "a fatal fault");

    assertThat(Thread.currentThread().isAlive()).as("still running").isTrue();
  }
}
