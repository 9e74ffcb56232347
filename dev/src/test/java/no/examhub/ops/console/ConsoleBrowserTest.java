package no.examhub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import no.examhub.testing.DeadLetterFixtures;
import no.examhub.testing.Eventually;
import no.examhub.testing.FsAppeals;
import no.examhub.testing.Operator;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console in a real browser ({@code console-tests/console.test.mjs}: Debian's Chromium driven
 * by playwright-core) against a hub with the embedded default's simulators and demo data: log in,
 * find the demo appeal and its timeline, a Proview call that failed for good as a dead letter,
 * its replay carried out, the health page. Screenshots go to {@code dev/dev/target/console-screenshots},
 * or to {@code EXAMHUB_CONSOLE_SCREENSHOTS} (docs/console is refreshed that way).
 *
 * <p>Without Chromium or {@code npm ci} in console-tests the test is skipped, unless
 * {@code EXAMHUB_BROWSER_TESTS=required} (set by {@code .ci/run}), where that is a failure.
 */
class ConsoleBrowserTest {
  private static final Path SCRIPTS = Path.of("console-tests").toAbsolutePath().normalize();
  private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
  private static final String INSTITUTION = "browser-" + UUID.randomUUID().toString().substring(0, 6);

  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_DISPATCH_MAX_ATTEMPTS", "1")).awaitingStreams();

  @Test
  void anOperatorFindsAnAppealAndReplaysADeadLetterInTheBrowser() throws Exception {
    requireBrowser();
    FsAppeals.produce(hub.hub().bootstrapServers(), List.of(FsAppeals.active("DEMO-INF1000-2026H", "101")));
    DeadLetterFixtures.failingFetches(hub, INSTITUTION, 1, 503);
    DeadLetterFixtures.deadLettersOf(hub, INSTITUTION, 1);
    Operator operator = Operator.of(hub);
    Eventually.holds(Duration.ofSeconds(60), () -> operator.get("/api/cases/demo/DEMO-INF1000-2026H/101").body()
        .contains("\"kind\":\"outcome\""));
    Path shots = Path.of(System.getenv().getOrDefault("EXAMHUB_CONSOLE_SCREENSHOTS", "dev/target/console-screenshots"))
        .toAbsolutePath();

    ProcessBuilder node = new ProcessBuilder("node", "console.test.mjs").directory(SCRIPTS.toFile())
        .redirectErrorStream(true);
    node.environment().putAll(Map.of("CONSOLE_URL", hub.baseUrl(), "ADMIN_TOKEN", hub.demo().adminToken(),
        "DEAD_LETTER_INSTITUTION", INSTITUTION, "SCREENSHOTS", shots.toString(), "CHROMIUM", CHROMIUM));
    Process run = node.start();
    boolean finished = run.waitFor(3, TimeUnit.MINUTES);
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    System.out.println(output);
    if (!finished) {
      run.destroyForcibly();
    }

    assertThat(finished).as("the browser test finished within 3 minutes").isTrue();
    assertThat(run.exitValue()).as(output).isZero();
    assertThat(output).doesNotContain("FAIL");
    assertThat(Files.exists(shots.resolve("case.png"))).isTrue();
  }

  private static void requireBrowser() throws IOException {
    boolean present = Files.isExecutable(Path.of(CHROMIUM)) && Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"));
    String why = "the browser test needs " + CHROMIUM + " (apt-get install chromium) and `npm ci` in " + SCRIPTS;
    if ("required".equals(System.getenv("EXAMHUB_BROWSER_TESTS"))) {
      assertThat(present).as(why).isTrue();
    }
    Assumptions.assumeTrue(present, why);
  }
}
