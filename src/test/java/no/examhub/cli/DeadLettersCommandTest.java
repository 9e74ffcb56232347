package no.examhub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.Command;
import no.examhub.event.Topics;
import no.examhub.testing.DeadLetterFixtures;
import no.examhub.testing.TestHub;
import no.examhub.testing.TestKafka;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code examhub dead-letters}: lists and replays through the running hub's operator endpoint. */
class DeadLettersCommandTest {
  private static TestHub hub;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeAll
  static void start() {
    hub = TestHub.start(TestKafka.bootstrapServers(), Map.of("EXAMHUB_DISPATCH_MAX_ATTEMPTS", "1"));
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void listThenReplayTwiceReplaysOnce() {
    String institution = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    Command command = DeadLetterFixtures.failingFetches(hub, institution, 1, 503).get(0);
    DeadLetterFixtures.deadLettersOf(hub, institution, 1);
    DeadLettersCommand cli = cli(hub.demo().adminToken());

    assertThat(cli.execute(List.of("list", "--institution", institution, "--error-code", "503"))).isZero();
    assertThat(cli.execute(List.of("replay", "--partner", "proview", "--institution", institution))).isZero();
    assertThat(cli.execute(List.of("replay", "--partner", "proview", "--institution", institution))).isZero();

    assertThat(printed()).contains("proview/fetch-session  " + institution + "  error 503", command.commandId(),
        "1 of 1 dead letters", "replayed 1", "replayed 0", "skipped");
    assertThat(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.OUTCOMES,
        o -> o.commandId().equals(command.commandId()) && o.success(), 1, Duration.ofSeconds(30))).hasSize(1);
  }

  @Test
  void aRefusedCallPrintsTheErrorCodeAndFails() {
    assertThat(cli("wrong-token").execute(List.of("list"))).isEqualTo(1);

    assertThat(printed()).contains("401 70401");
  }

  @Test
  void aReplayWithoutASelectionIsAUsageError() {
    assertThatThrownBy(() -> cli("t").execute(List.of("replay", "--id"))).hasMessageContaining("usage");
    assertThatThrownBy(() -> cli("t").execute(List.of("purge"))).hasMessageContaining("usage");
  }

  private DeadLettersCommand cli(String token) {
    return new DeadLettersCommand(hub.baseUrl(), token, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
