package no.examhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Issue 15's ingress targets, computed from one run's achieved rates and p99. */
class IngressTargetsTest {

  @Test
  void ratiosAreTheIngressOnlyAndFullRatesOverTheReferencesOfTheSameRun() {
    IngressTargets t = new IngressTargets(20_000, 12_000, 10_800, 6_000, 5_300, 4.2, 20, 15);

    assertThat(t.ingressOnlyPerNaive()).isCloseTo(0.90, within(1e-9));
    assertThat(t.ingressOnlyPerNoop()).isCloseTo(0.54, within(1e-9));
    assertThat(t.fullPerNaive()).isCloseTo(0.50, within(1e-9));
  }

  @Test
  void theRatioTargetIsAtLeastEightTenthsOfTheNaiveEndpoint() {
    assertThat(new IngressTargets(1, 10_000, 8_000, 1, 1, 1, 20, 15).ratioMet()).isTrue();
    assertThat(new IngressTargets(1, 10_000, 7_999, 1, 1, 1, 20, 15).ratioMet()).isFalse();
  }

  @Test
  void theLatencyTargetIsAP99UnderTenMillisecondsAndAMissingP99MissesIt() {
    assertThat(new IngressTargets(1, 1, 1, 1, 1, 9.99, 20, 15).latencyMet()).isTrue();
    assertThat(new IngressTargets(1, 1, 1, 1, 1, 10.0, 20, 15).latencyMet()).isFalse();
    assertThat(new IngressTargets(1, 1, 1, 1, 1, Double.NaN, 20, 15).latencyMet()).isFalse();
  }

  @Test
  void halfOfTheSaturationRateIsRoundedAndNeverZero() {
    assertThat(IngressTargets.halfOf(10_801)).isEqualTo(5_401);
    assertThat(IngressTargets.halfOf(10_799.4)).isEqualTo(5_400);
    assertThat(IngressTargets.halfOf(0.4)).isEqualTo(1);
  }

  @Test
  void aNaiveEndpointThatServedNothingGivesNoRatioRatherThanInfinity() {
    IngressTargets t = new IngressTargets(0, 0, 5_000, 5_000, 1, 1, 20, 15);

    assertThat(t.ingressOnlyPerNaive()).isNaN();
    assertThat(t.ratioMet()).isFalse();
  }

  @Test
  void theSummaryNamesEachRatioItsTargetAndWhetherItWasMet() {
    String s = new IngressTargets(20_000, 12_000, 10_800, 6_000, 5_300, 12.5, 20, 15).summary();

    assertThat(s).contains("ingress-only/naive = 0.90 (target >= 0.8: met)")
        .contains("ingress-only/no-op = 0.54").contains("full/naive = 0.50")
        .contains("5400/s offered, 5300/s achieved").contains("p99 12.50 ms (target < 10 ms: missed)")
        .contains("the naive endpoint's p99 20.00 ms (ingress-only/naive 0.63)").contains("the no-op route's 15.00 ms");
  }
}
