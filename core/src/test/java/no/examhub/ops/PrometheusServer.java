package no.examhub.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.examhub.platform.json.Json;
import no.examhub.testing.Http;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus (the Debian package's binary) as a child process: it scrapes one target every
 * second and evaluates the given rule files every second. Only on loopback, data in a temp dir.
 */
final class PrometheusServer implements AutoCloseable {
  private final Process process;
  private final String baseUrl;
  private final Path logFile;

  private PrometheusServer(Process process, String baseUrl, Path logFile) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.logFile = logFile;
  }

  /**
   * The binary, or a skipped test when it is missing on a developer's machine. On CI (env
   * {@code CI} set) a missing binary fails: {@code .ci/run} installs it, so its absence is a defect.
   */
  static String binary(String name) {
    Optional<Path> found = List.of("/usr/bin", "/usr/local/bin", "/bin").stream()
        .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    if (found.isEmpty()) {
      String message = name + " is not installed (apt-get install --no-install-recommends prometheus)";
      if (System.getenv("CI") != null && !System.getenv("CI").isBlank()) {
        throw new AssertionError(message + "; CI must install it (.ci/run)");
      }
      Assumptions.abort(message + "; skipping the checks against a real Prometheus");
    }
    return found.get().toString();
  }

  static PrometheusServer start(String target, Path rules) throws IOException {
    Path dir = Files.createTempDirectory("examhub-prometheus");
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: ["%s"]
        scrape_configs:
          - job_name: examhub
            metrics_path: /metrics
            static_configs:
              - targets: ["%s"]
        """.formatted(rules.toAbsolutePath(), target));
    int port = freePort();
    Path log = dir.resolve("prometheus.log");
    Process process = new ProcessBuilder(binary("prometheus"), "--config.file=" + config,
        "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.path=" + dir.resolve("data"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new PrometheusServer(process, "http://127.0.0.1:" + port, log);
  }

  /** The answer of {@code /api/v1/query} for an instant query at now. */
  JsonNode query(String promql) {
    String url = baseUrl + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
    try {
      return Json.MAPPER.readTree(Http.get(url).body());
    } catch (IOException e) {
      throw new IllegalStateException("Prometheus answered no JSON for " + promql, e);
    }
  }

  boolean ready() {
    try {
      return Http.get(baseUrl + "/-/ready").statusCode() == 200;
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  String log() {
    try {
      return Files.readString(logFile);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Runs promtool with the arguments; returns its exit code and output. */
  static Result promtool(Duration timeout, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(binary("promtool")));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "promtool timed out");
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  record Result(int exitCode, String output) {}

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
