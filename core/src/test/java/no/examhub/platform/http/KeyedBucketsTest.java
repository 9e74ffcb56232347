package no.examhub.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Buckets per key in a bounded map: invented keys cannot grow memory, and keys keep their own tokens. */
class KeyedBucketsTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

  @Test
  void eachKeyHasItsOwnBucket() {
    KeyedBuckets buckets = new KeyedBuckets(2, 100, now::get);

    assertThat(buckets.tryTake("a")).isZero();
    assertThat(buckets.tryTake("a")).isZero();
    assertThat(buckets.tryTake("a")).isPositive();
    assertThat(buckets.tryTake("b")).isZero();
  }

  @Test
  void aMillionInventedKeysNeverHoldMoreBucketsThanTheCapacity() {
    KeyedBuckets buckets = new KeyedBuckets(10, 1000, now::get);

    for (int i = 0; i < 1_000_000; i++) {
      buckets.tryTake("spoofed-" + i);
      if (i % 1000 == 0) {
        now.addAndGet(10_000_000L);
      }
    }

    assertThat(buckets.size()).isLessThanOrEqualTo(1000);
    assertThat(buckets.overflowed()).isPositive();
  }

  @Test
  void bucketsThatAreFullAgainMakeRoomForNewKeys() {
    KeyedBuckets buckets = new KeyedBuckets(10, 2, now::get);
    buckets.tryTake("a");
    buckets.tryTake("b");

    now.addAndGet(2_000_000_000L);
    buckets.tryTake("c");

    assertThat(buckets.size()).isEqualTo(1);
    assertThat(buckets.overflowed()).isZero();
  }
}
