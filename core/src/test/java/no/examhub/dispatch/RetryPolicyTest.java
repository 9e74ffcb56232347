package no.examhub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import no.examhub.platform.config.ExamhubConfig;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofMinutes(5));

  @RepeatedTest(20)
  void theDelayDoublesPerAttemptWithJitterDownToHalfAndStopsAtTheCap() {
    assertThat(policy.delayAfter(1, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(policy.delayAfter(4, null)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    assertThat(policy.delayAfter(15, null)).isBetween(Duration.ofMillis(150_000), Duration.ofMinutes(5));
  }

  @RepeatedTest(20)
  void aPartnersRetryAfterIsAFloorNotAReplacement() {
    assertThat(policy.delayAfter(6, Duration.ofSeconds(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(16));
    assertThat(policy.delayAfter(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theDefaultsRideOutAFourMinuteOutageEvenAgainstRetryAfterOne() {
    ExamhubConfig config = ExamhubConfig.defaults();
    RetryPolicy defaults = new RetryPolicy(config.maxAttempts("proview"), config.dispatchBackoff(),
        config.dispatchMaxBackoff());
    Duration shortestWait = Duration.ZERO;
    for (int attempt = 1; defaults.mayRetry(attempt); attempt++) {
      Duration shortest = defaults.delayAfter(attempt, Duration.ofSeconds(1));
      for (int draw = 0; draw < 50; draw++) {
        Duration d = defaults.delayAfter(attempt, Duration.ofSeconds(1));
        shortest = d.compareTo(shortest) < 0 ? d : shortest;
      }
      shortestWait = shortestWait.plus(shortest);
    }
    assertThat(shortestWait).isGreaterThan(Duration.ofMinutes(4));
  }

  @Test
  void aPartnersRetryAfterIsCappedAtTheLongestBackoff() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofMinutes(5));

    assertThat(policy.delayAfter(1, Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(5));
    assertThat(policy.delayAfter(1, Duration.ofSeconds(Long.MAX_VALUE)).toMillis()).isEqualTo(300_000);
  }
}
