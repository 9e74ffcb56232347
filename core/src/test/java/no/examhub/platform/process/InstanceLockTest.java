package no.examhub.platform.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second instance on the same data directory (and so the same derived instance id) is refused. */
class InstanceLockTest {
  @TempDir
  Path dataDir;

  @Test
  void aSecondInstanceOnTheSameDataDirectoryIsRefusedNamingTheId() {
    try (InstanceLock first = InstanceLock.acquire(dataDir, "node-7-1a2b3c4d")) {
      assertThatThrownBy(() -> InstanceLock.acquire(dataDir, "node-7-1a2b3c4d"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another Examhub instance runs on")
          .hasMessageContaining("EXAMHUB_INSTANCE_ID (node-7-1a2b3c4d)");
    }
  }

  @Test
  void theLockIsFreeAgainOnceTheInstanceHasClosed() throws Exception {
    InstanceLock.acquire(dataDir, "a").close();

    try (InstanceLock again = InstanceLock.acquire(dataDir, "b")) {
      assertThat(Files.readString(dataDir.resolve(InstanceLock.FILE))).isEqualTo("b\n");
    }
  }
}
