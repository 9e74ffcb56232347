package no.examhub.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Readiness fails while stream threads keep dying, and recovers once they stop. */
class DeathsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aThreadThatKeepsDyingIsUnstableUntilTheDeathsAgeOut() {
    Deaths deaths = new Deaths(3, Duration.ofMinutes(10));
    deaths.record(T0);
    deaths.record(T0.plusSeconds(45));
    assertThat(deaths.stable(T0.plusSeconds(60))).as("two deaths").isTrue();

    deaths.record(T0.plusSeconds(90));

    assertThat(deaths.stable(T0.plusSeconds(100))).as("three deaths in 90 s").isFalse();
    assertThat(deaths.stable(T0.plusSeconds(601))).as("the first has aged out").isTrue();
  }
}
