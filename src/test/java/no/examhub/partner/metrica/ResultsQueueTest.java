package no.examhub.partner.metrica;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The peek-lock rules of the results queue, with a clock the test moves. */
class ResultsQueueTest {
  private static final Duration LOCK = Duration.ofSeconds(60);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T08:00:00Z"));
  private final ResultsQueue queue = new ResultsQueue(clock, LOCK);

  @Test
  void oldestVisibleMessageIsLockedWithAFreshToken() {
    offer(0, 5, "first");
    offer(1, 2, "second");

    ResultsQueue.Locked first = queue.lockOldest().orElseThrow();
    ResultsQueue.Locked second = queue.lockOldest().orElseThrow();

    assertThat(body(first)).isEqualTo("first");
    assertThat(first.messageId()).hasToString("0-5");
    assertThat(first.lockedUntil()).isEqualTo(clock.instant().plus(LOCK));
    assertThat(body(second)).isEqualTo("second");
    assertThat(second.lockToken()).hasSize(32).isNotEqualTo(first.lockToken());
    assertThat(queue.lockOldest()).isEmpty();
  }

  @Test
  void expiredLockMakesTheMessageVisibleAgainWithANewToken() {
    offer(0, 1, "event");
    ResultsQueue.Locked locked = queue.lockOldest().orElseThrow();

    clock.advance(LOCK);
    ResultsQueue.Locked again = queue.lockOldest().orElseThrow();

    assertThat(again.messageId()).isEqualTo(locked.messageId());
    assertThat(again.lockToken()).isNotEqualTo(locked.lockToken());
    assertThat(queue.begin(locked.messageId(), locked.lockToken())).isFalse();
  }

  @Test
  void acknowledgedMessageIsNeverHandedOutAgain() {
    offer(0, 1, "event");
    ResultsQueue.Locked locked = queue.lockOldest().orElseThrow();

    assertThat(queue.begin(locked.messageId(), locked.lockToken())).isTrue();
    queue.commit(locked.messageId());
    clock.advance(LOCK.multipliedBy(2));

    assertThat(queue.lockOldest()).isEmpty();
    assertThat(queue.size()).isZero();
  }

  @Test
  void wrongTokenUnknownMessageOrExpiredLockCannotAcknowledge() {
    offer(0, 1, "event");
    ResultsQueue.Locked locked = queue.lockOldest().orElseThrow();

    assertThat(queue.begin(locked.messageId(), "0".repeat(32))).isFalse();
    assertThat(queue.begin(new MessageId(0, 2), locked.lockToken())).isFalse();
    clock.advance(LOCK);
    assertThat(queue.begin(locked.messageId(), locked.lockToken())).isFalse();
  }

  @Test
  void messageBeingAcknowledgedIsInvisibleAndReturnsWhenTheWriteFails() {
    offer(0, 1, "event");
    ResultsQueue.Locked locked = queue.lockOldest().orElseThrow();
    queue.begin(locked.messageId(), locked.lockToken());
    clock.advance(LOCK);

    assertThat(queue.lockOldest()).isEmpty();
    queue.abort(locked.messageId());
    assertThat(queue.lockOldest()).map(ResultsQueue.Locked::messageId).contains(locked.messageId());
  }

  @Test
  void acknowledgementReadBeforeItsMessageSkipsTheMessage() {
    queue.acknowledged(new MessageId(2, 7));

    offer(2, 7, "acknowledged before a restart");

    assertThat(queue.lockOldest()).isEmpty();
  }

  @Test
  void acknowledgementFromAnotherInstanceRemovesAPendingMessage() {
    offer(0, 1, "event");

    queue.acknowledged(new MessageId(0, 1));

    assertThat(queue.lockOldest()).isEmpty();
    assertThat(queue.size()).isZero();
  }

  private void offer(int partition, long offset, String body) {
    queue.offer(new MessageId(partition, offset), clock.instant(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static String body(ResultsQueue.Locked locked) {
    return new String(locked.event(), StandardCharsets.UTF_8);
  }

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
