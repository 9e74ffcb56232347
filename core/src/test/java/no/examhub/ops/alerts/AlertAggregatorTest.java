package no.examhub.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.examhub.event.Alert;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.event.Partner;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What reaches the Slack channel: one summary per window, the blacklisted left out and counted. */
class AlertAggregatorTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<String> sent = new ArrayList<>();
  private final List<BlacklistRule> rules = new ArrayList<>();
  private final AlertAggregator aggregator = new AlertAggregator(Duration.ofMinutes(1), () -> rules, text -> sent.add(text),
      registry);

  @AfterEach
  void stop() {
    aggregator.close();
  }

  @Test
  void aBurstWithinTheWindowIsOneMessageCountingEachKind() {
    for (int i = 0; i < 30; i++) {
      aggregator.offer(deadLetter("uio", "inspera", "register-appeal", "503", "uio-" + i));
    }
    for (int i = 0; i < 7; i++) {
      aggregator.offer(deadLetter("ntnu", "wiseflow", "create-reassessment", "404", "ntnu-" + i));
    }

    aggregator.flush();

    assertThat(sent).singleElement().satisfies(text -> {
      assertThat(text).startsWith("37 commands dead-lettered in the last minute:");
      assertThat(text).contains("inspera/register-appeal uio 503 x30", "wiseflow/create-reassessment ntnu 404 x7");
      assertThat(text.indexOf("x30")).isLessThan(text.indexOf("x7"));
      assertThat(text).contains("commandId=uio-0", "vurdId=V-1").doesNotContain("commandId=uio-1");
      assertThat(text).as("one example of each kind, however big the other").contains("commandId=ntnu-0")
          .doesNotContain("commandId=ntnu-1");
    });
    assertThat(registry.counter("examhub.alerts.sent").count()).isEqualTo(37);
  }

  @Test
  void aFlushThatThrowsIsCountedReportedAndTheNextWindowIsStillSent() {
    List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    boolean[] faulted = {false};
    try (AlertAggregator fast = new AlertAggregator(Duration.ofMillis(50), List::of, text -> {
      if (!faulted[0]) {
        faulted[0] = true;
        throw new AssertionError("injected fault: an Error no catch of RuntimeException stops");
      }
      return delivered.add(text);
    }, registry)) {
      fast.offer(deadLetter("uio", "inspera", "register-appeal", "503", "first"));
      no.examhub.testing.Eventually.holds(Duration.ofSeconds(5), () -> faulted[0] && !fast.healthy());
      assertThat(registry.counter("examhub.loop.restarts", "loop", "alerts-slack").count()).isEqualTo(1);

      fast.offer(deadLetter("uio", "inspera", "register-appeal", "503", "second"));

      no.examhub.testing.Eventually.holds(Duration.ofSeconds(5), () -> !delivered.isEmpty());
      assertThat(delivered).singleElement().asString().contains("commandId=second");
      no.examhub.testing.Eventually.holds(Duration.ofSeconds(5), fast::healthy);
    }
  }

  @Test
  void nothingNewMeansNoMessage() {
    aggregator.offer(deadLetter("uio", "inspera", "register-appeal", "503", "a"));
    aggregator.flush();

    aggregator.flush();

    assertThat(sent).hasSize(1);
  }

  @Test
  void blacklistedAlertsAreCountedAsSuppressedAndLeftOut() {
    rules.add(new BlacklistRule("*", null, "register-appeal", "503", "known Inspera maintenance"));
    aggregator.offer(deadLetter("uio", "inspera", "register-appeal", "503", "a"));
    aggregator.offer(deadLetter("uib", "inspera", "register-appeal", "503", "b"));
    aggregator.offer(deadLetter("uio", "inspera", "register-appeal", "400", "c"));

    aggregator.flush();

    assertThat(sent).singleElement().satisfies(text -> assertThat(text)
        .startsWith("1 command dead-lettered").contains("400 x1").doesNotContain("503"));
    assertThat(registry.counter("examhub.alerts.suppressed", "reason", "blacklist").count()).isEqualTo(2);
  }

  @Test
  void aWindowThatIsAllBlacklistedSendsNothing() {
    rules.add(new BlacklistRule("uio", null, null, null, "test institution"));
    aggregator.offer(deadLetter("uio", "inspera", "register-appeal", "503", "a"));

    aggregator.flush();

    assertThat(sent).isEmpty();
  }

  @Test
  void alertRecordsAreSummarisedBesideDeadLetters() {
    aggregator.offer(Incidents.of(new Alert("fs-poll-failed", "uio", "error", "FS answered 503", "req-1", Instant.now())));
    aggregator.offer(deadLetter("uio", "inspera", "register-appeal", "503", "a"));

    aggregator.flush();

    assertThat(sent).singleElement().satisfies(text -> assertThat(text)
        .startsWith("1 command dead-lettered and 1 alert in the last minute:")
        .contains("fs-poll-failed uio error x1", "message=FS answered 503"));
  }

  @Test
  void personalNumbersInAReasonNeverReachTheChannel() {
    Command c = command("uio", "inspera", "register-appeal", "a");
    aggregator.offer(Incidents.of(new FailedCommand(c, 1, "400", "candidate 01017012345 unknown", Instant.now()),
        Optional.empty()));

    aggregator.flush();

    assertThat(sent).singleElement().satisfies(text -> assertThat(text).doesNotContain("01017012345")
        .contains("<redacted>"));
  }

  @Test
  void withoutAWebhookAlertsAreOnlyCounted() {
    AlertAggregator unconfigured = new AlertAggregator(Duration.ofMinutes(1), List::of, new SlackWebhook(""), registry);
    unconfigured.offer(deadLetter("uio", "inspera", "register-appeal", "503", "a"));

    unconfigured.flush();
    unconfigured.close();

    assertThat(registry.counter("examhub.alerts.suppressed", "reason", "no-webhook").count()).isEqualTo(1);
  }

  private static Incident deadLetter(String institution, String partner, String operation, String code, String id) {
    return Incidents.of(new FailedCommand(command(institution, partner, operation, id), 5, code, "answered " + code,
        Instant.now()), Optional.empty());
  }

  private static Command command(String institution, String partner, String operation, String id) {
    Command read = Wire.command(institution, Partner.valueOf(partner.toUpperCase()), operation,
        Wire.json("vurdId", "V-1", "kandidatnr", "123"), "cause", Instant.now());
    return new Command(id, read.institution(), read.partner(), read.operation(), read.payload(), read.causationId(),
        read.createdAt(), read.unknowns());
  }
}
