package no.examhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import no.examhub.bench.BenchOptions.Phase;
import org.junit.jupiter.api.Test;

/** The options of ./examhub bench: which phases run, with what sizes. */
class BenchOptionsTest {

  @Test
  void withoutOptionsEveryPhaseRunsWithTheDocumentedDefaults() {
    BenchOptions o = BenchOptions.parse(List.of());

    assertThat(o.phases()).containsExactly(Phase.INGRESS, Phase.TOPOLOGY, Phase.VERIFY, Phase.REPLAY, Phase.CONSOLE);
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.connections()).isEqualTo(64);
    assertThat(o.rate()).isEqualTo(5_000);
    assertThat(o.topologyRecords()).isEqualTo(2_000_000L);
    assertThat(o.replayRecords()).as("ten days of seed 003").isEqualTo(1_180_000L);
    assertThat(o.rosterSize()).isEqualTo(50_000);
    assertThat(o.verifyRate()).isEqualTo(1_000);
    assertThat(o.jfrDir()).isEmpty();
  }

  @Test
  void aPhaseCanRunAlone() {
    assertThat(BenchOptions.parse(List.of("--phase", "topology")).phases()).containsExactly(Phase.TOPOLOGY);
  }

  @Test
  void phasesMayBeListedOrRepeatedAndRunInTheirFixedOrder() {
    assertThat(BenchOptions.parse(List.of("--phase", "replay,verify_respondent", "--phase", "ingress")).phases())
        .isEqualTo(EnumSet.of(Phase.INGRESS, Phase.VERIFY, Phase.REPLAY));
  }

  @Test
  void largeCountsMayBeWrittenWithSeparators() {
    BenchOptions o = BenchOptions.parse(List.of("--replay-records", "11_800_000", "--topology-records", "2,000,000",
        "--roster-size", "80000", "--verify-rate", "500", "--jfr", "/tmp/jfr"));

    assertThat(o.replayRecords()).isEqualTo(11_800_000L);
    assertThat(o.topologyRecords()).isEqualTo(2_000_000L);
    assertThat(o.rosterSize()).isEqualTo(80_000);
    assertThat(o.verifyRate()).isEqualTo(500);
    assertThat(o.jfrDir()).contains(Path.of("/tmp/jfr"));
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--phase", "warp"))).hasMessageContaining("warp");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--records", "5"))).hasMessageContaining("--records");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--duration"))).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--rate", "0"))).hasMessageContaining("--rate");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--rate", "fast"))).hasMessageContaining("fast");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--connections", "99999999999")))
        .hasMessageContaining("--connections");
  }
}
