package no.examhub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.FailedCommand;
import no.examhub.event.FsAppeal;
import no.examhub.event.Topics;
import no.examhub.event.Operations;
import no.examhub.testing.DeadLetterFixtures;
import no.examhub.testing.FsAppeals;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code examhub dead-letters}: lists and replays through the running hub's operator endpoint. */
class DeadLettersCommandTest {
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_DISPATCH_MAX_ATTEMPTS", "1"));
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

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
  void aReplayedRegisterAppealForAnAppealFsHasSinceWithdrawnIsRefusedAndThePrintoutSaysWhy() {
    // An institution without Inspera settings: each of its commands is dead-lettered at once.
    String institution = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    FsAppeals.produce(hub.hub().bootstrapServers(), List.of(appeal(institution, FsAppeal.ACTIVE)));
    FailedCommand register = deadLetter(institution, Operations.REGISTER_APPEAL);
    FsAppeals.produce(hub.hub().bootstrapServers(), List.of(appeal(institution, FsAppeal.WITHDRAWN)));
    deadLetter(institution, Operations.WITHDRAW_APPEAL); // emitted as the case recorded the withdrawal
    DeadLettersCommand cli = cli(hub.demo().adminToken());

    assertThat(cli.execute(List.of("replay", "--institution", institution, "--operation", "register-appeal"))).isZero();

    assertThat(printed()).contains("replayed 0", "refused", "(register-appeal): FS has withdrawn the appeal since");
    assertThat(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.COMMANDS_INSPERA,
        c -> c.commandId().equals(register.command().commandId()), 2, Duration.ofSeconds(3)))
        .as("only the original command, no replayed one").hasSize(1);
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

  private static FsAppeal appeal(String institution, String status) {
    return new FsAppeal(institution, ExamSystem.INSPERA, "INF1000-1", "10001", status,
        LocalDate.parse("2026-06-20"), "K1", null, Instant.now());
  }

  private static FailedCommand deadLetter(String institution, String operation) {
    return TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.COMMAND_DEAD_LETTERS,
        f -> institution.equals(f.command().institution()) && operation.equals(f.command().operation()), 1,
        Duration.ofSeconds(30)).get(0);
  }

  private DeadLettersCommand cli(String token) {
    return new DeadLettersCommand(hub.baseUrl(), token, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
