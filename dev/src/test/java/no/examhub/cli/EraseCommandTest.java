package no.examhub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code examhub erase}: through the running hub's erasure API, which needs the {@code erasure}
 * scope and a known institution and refuses what is not a candidate number. What an erasure
 * reaches is ErasureEndToEndTest's.
 */
class EraseCommandTest {
  @RegisterExtension
  static final TestHub hub = TestHub.shared();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void anOperatorWithTheErasureScopeErasesAndIsToldWhatItReached() {
    assertThat(cli(hub.demo().adminToken()).execute(List.of("demo", "no-such-candidate"))).isZero();

    assertThat(printed()).containsPattern("erasure [0-9a-f-]{36} accepted: 0 roster entries, 0 audit entries, "
        + "0 execution records; the case stores forget the candidate on all 3 partitions");
  }

  @Test
  void aTokenWithoutTheErasureScopeIsRefused() {
    assertThat(cli(hub.demo().metricaConsumerToken()).execute(List.of("demo", "101"))).isEqualTo(1);

    assertThat(printed()).contains("403 70403");
  }

  @Test
  void anUnknownInstitutionOrSomethingThatIsNoCandidateNumberIsRefusedWithItsCode() {
    assertThat(cli(hub.demo().adminToken()).execute(List.of("no-such-institution", "101"))).isEqualTo(1);
    assertThat(cli(hub.demo().adminToken()).execute(List.of("demo", "../101"))).isEqualTo(1);

    assertThat(printed()).contains("404 70404", "400 70416");
  }

  @Test
  void oneInstitutionAndOneCandidateOrItIsAUsageError() {
    assertThatThrownBy(() -> cli("t").execute(List.of("demo"))).hasMessageContaining("usage");
  }

  private EraseCommand cli(String token) {
    return new EraseCommand(hub.baseUrl(), token, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
