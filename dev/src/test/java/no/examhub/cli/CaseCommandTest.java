package no.examhub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import no.examhub.event.FsAppeal;
import no.examhub.testing.Eventually;
import no.examhub.testing.FsAppeals;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code examhub case}: a candidate's case through the running hub's operator API. */
class CaseCommandTest {
  @RegisterExtension
  static final TestHub hub = TestHub.shared();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void printsTheCaseOfAnAppeal() {
    FsAppeal appeal = FsAppeals.active("CLI-1", "3141592");
    FsAppeals.produce(hub.hub().bootstrapServers(), List.of(appeal));

    Eventually.holds(Duration.ofSeconds(20), () -> {
      out.reset();
      return command(hub.demo().adminToken()).execute(List.of("demo", "CLI-1", "3141592")) == 0;
    });

    assertThat(printed()).contains("\"caseKey\" : \"demo/CLI-1/3141592\"", "\"status\" : \"ACTIVE\"", "served by");
  }

  @Test
  void printsTheErrorCodeOfAnUnknownCaseOrABadToken() {
    assertThat(command(hub.demo().adminToken()).execute(List.of("demo", "CLI-1", "0"))).isEqualTo(1);
    assertThat(command("wrong").execute(List.of("demo", "CLI-1", "0"))).isEqualTo(1);

    assertThat(printed()).contains("404 70404", "401 70401");
  }

  @Test
  void needsExactlyThreeArguments() {
    assertThatThrownBy(() -> command("t").execute(List.of("demo"))).hasMessageContaining("usage");
  }

  private CaseCommand command(String token) {
    return new CaseCommand(hub.baseUrl(), token, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
