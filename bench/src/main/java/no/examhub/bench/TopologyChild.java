package no.examhub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts {@link TopologyProcess} in a child JVM (this JVM's java and classpath, the given heap
 * options) and follows what it prints: its start time and its memory samples. Everything it
 * prints is also kept in {@code topology.log} beside the run's data.
 */
final class TopologyChild implements AutoCloseable {
  private final Process process;
  private final AtomicLong startedMillis = new AtomicLong();
  private final AtomicReference<MemorySample> latest = new AtomicReference<>();
  private final Thread follower;

  TopologyChild(List<String> jvmOptions, Map<String, String> env, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TopologyProcess.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    process = builder.start();
    follower = new Thread(() -> follow(log), "bench-topology-child");
    follower.setDaemon(true);
    follower.start();
  }

  private void follow(Path log) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
        if (line.startsWith(TopologyProcess.STARTING)) {
          startedMillis.set(Long.parseLong(line.substring(TopologyProcess.STARTING.length()).trim()));
        }
        MemorySample sample = MemorySample.parse(line);
        if (sample != null) {
          latest.set(sample);
        }
      }
    } catch (IOException e) {
      // The child's output ended with it; what was read is kept.
    }
  }

  /** Epoch millis at which the child started Streams; 0 until then. */
  long startedMillis() {
    return startedMillis.get();
  }

  boolean alive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** Asks the child to close Streams and waits for its last sample. */
  MemorySample stop() throws InterruptedException {
    try {
      OutputStream in = process.getOutputStream();
      in.write("stop\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      // Already gone: its last sample is what we have.
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    follower.join(5_000);
    return latest.get();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
