package no.examhub.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bucket's arithmetic on a hand-moved clock: a second's worth of burst, then the rate. */
class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(42 * SECOND);

  @Test
  void fullBucketLetsOneSecondsWorthThroughAtOnceThenRefusesWithTheWait() {
    TokenBucket bucket = new TokenBucket(4, now::get);

    for (int i = 0; i < 4; i++) {
      assertThat(bucket.tryTake()).isZero();
    }
    assertThat(bucket.tryTake()).isEqualTo(SECOND / 4);
  }

  @Test
  void tokensComeBackAtTheRate() {
    TokenBucket bucket = new TokenBucket(1, now::get);
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(SECOND);

    now.addAndGet(SECOND / 2);
    assertThat(bucket.tryTake()).isEqualTo(SECOND / 2);
    now.addAndGet(SECOND / 2);
    assertThat(bucket.tryTake()).isZero();
  }

  @Test
  void aLongPauseRefillsNoMoreThanTheBurst() {
    TokenBucket bucket = new TokenBucket(2, now::get);
    now.addAndGet(3600 * SECOND);

    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isPositive();
  }

  @Test
  void refusedRequestsTakeNoToken() {
    TokenBucket bucket = new TokenBucket(1, now::get);
    bucket.tryTake();
    for (int i = 0; i < 100; i++) {
      bucket.tryTake();
    }

    now.addAndGet(SECOND);
    assertThat(bucket.tryTake()).isZero();
  }
}
