package no.examhub.platform.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data directory's lock, held while the instance runs: a second instance started on the same
 * data directory (and so, derived, with the same {@code EXAMHUB_INSTANCE_ID}) is refused at start-up
 * instead of fencing the first one out of its consumer group over and over. It cannot see a second
 * instance on another host that was given the same id by hand; the broker then fences one of the two
 * (its stream threads die and readiness says {@code stream-threads} is failing).
 */
public final class InstanceLock implements AutoCloseable {
  static final String FILE = "instance.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private InstanceLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Locks {@code dataDir/instance.lock} and writes the id into it (for the operator who finds it). */
  public static InstanceLock acquire(Path dataDir, String instanceId) {
    Path file = dataDir.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw new IllegalStateException("another Examhub instance runs on " + dataDir.toAbsolutePath()
            + " (it holds " + FILE + "): two instances never share EXAMHUB_DATA_DIR or EXAMHUB_INSTANCE_ID ("
            + instanceId + ")");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((instanceId + "\n").getBytes(StandardCharsets.UTF_8)));
      return new InstanceLock(channel, lock);
    } catch (IOException e) {
      close(channel);
      throw new UncheckedIOException("cannot lock " + file, e);
    } catch (RuntimeException e) {
      close(channel);
      throw e;
    }
  }

  /** Null when another process holds it, or another instance in this JVM (tests) does. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Refusing to start is what matters; the channel goes with the process.
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Released anyway when the channel closes.
    }
    close(channel);
  }
}
