package no.examhub.faults.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.examhub.Main;
import no.examhub.platform.process.ChildProcesses;
import no.examhub.testing.Eventually;

/**
 * Examhub as a separate operating-system process ({@code java -cp <test classpath>
 * no.examhub.Main run}, configured only through its environment, as in production), so a test
 * can kill it with SIGKILL: no shutdown hook, no finally block, no flush runs. Each start logs to
 * its own file, and the data directory (Streams state) is kept across restarts.
 */
final class ChildExamhub implements AutoCloseable {
  /** What a process killed by signal 9 exits with, as Java reports it on Linux (128 + 9). */
  static final int SIGKILL_EXIT = 137;
  /** Generous: three brokers and two instances starting on a shared 2-core machine took over 90 s. */
  private static final Duration LIVE_WITHIN = Duration.ofSeconds(180);

  private final Map<String, String> env;
  private final Path logDir;
  private final int httpPort;
  private final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;
  private int starts;

  ChildExamhub(Map<String, String> env, Path logDir, int httpPort) {
    this.env = Map.copyOf(env);
    this.logDir = logDir;
    this.httpPort = httpPort;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Starts the process and returns once it serves HTTP ({@code /health/live}). */
  ChildExamhub start() {
    try {
      Files.createDirectories(logDir);
      ProcessBuilder b = new ProcessBuilder(command());
      // Nothing of the test's own environment may leak into the child's configuration.
      b.environment().keySet().removeIf(k -> k.startsWith("EXAMHUB_") || k.startsWith("KAFKA_")
          || k.startsWith("MONGODB_"));
      b.environment().putAll(env);
      b.environment().put("EXAMHUB_HTTP_PORT", Integer.toString(httpPort));
      b.redirectErrorStream(true).redirectOutput(logDir.resolve("examhub-" + (++starts) + ".log").toFile());
      process = b.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Examhub as a child process", e);
    }
    awaitLive();
    return this;
  }

  /** The test's own java and classpath: the child runs exactly the code under test. */
  private static List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    // Production's asynchronous logging, into the suite's log as well (see logback-child.xml).
    command.add("-Dlogback.configurationFile=" + ChildExamhub.class.getResource("/logback-child.xml"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("run");
    return command;
  }

  private void awaitLive() {
    long deadline = System.nanoTime() + LIVE_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Examhub exited with " + process.exitValue() + " while starting; see "
            + logDir.resolve("examhub-" + starts + ".log"));
      }
      if (live()) {
        return;
      }
      Eventually.pause(Duration.ofMillis(100));
    }
    throw new IllegalStateException("Examhub did not serve /health/live within " + LIVE_WITHIN);
  }

  /** Waits until {@code /health/ready} answers 200: the broker reached and Streams running, where it runs. */
  void awaitReady(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!answers200("/health/ready")) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException("Examhub was not ready within " + within + "; see "
            + logDir.resolve("examhub-" + starts + ".log"));
      }
      Eventually.pause(Duration.ofMillis(100));
    }
  }

  private boolean live() {
    return answers200("/health/live");
  }

  private boolean answers200(String path) {
    try {
      HttpRequest r = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(2))
          .GET().build();
      return probe.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Kills the process with SIGKILL ({@link Process#destroyForcibly()} on Linux) and returns its
   * exit value, which is {@link #SIGKILL_EXIT} when the signal, not a shutdown, ended it.
   */
  int kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Examhub did not die within 30 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return process.exitValue();
  }

  int starts() {
    return starts;
  }

  /** A clean stop (SIGTERM: the shutdown hook closes Examhub), after the test. */
  @Override
  public void close() {
    ChildProcesses.stop(process, Duration.ofSeconds(30));
  }
}
