package no.examhub.partner.metrica;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.examhub.testing.MovableClock;
import org.junit.jupiter.api.Test;

/** The peek-lock rules of the results queue, with a clock the test moves. */
class ResultsQueueTest {
  private static final Duration LOCK = Duration.ofSeconds(60);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T08:00:00Z"));
  private static final int BOUND = 3;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ResultsQueue queue = new ResultsQueue(clock, LOCK, BOUND, registry);

  @Test
  void oldestVisibleMessageIsLockedWithAFreshToken() {
    offer(0, 5, "first");
    offer(1, 2, "second");

    ResultsQueue.Locked first = queue.lockOldest().orElseThrow();
    ResultsQueue.Locked second = queue.lockOldest().orElseThrow();

    assertThat(first.messageId()).hasToString("0-5");
    assertThat(first.lockedUntil()).isEqualTo(clock.instant().plus(LOCK));
    assertThat(second.messageId()).hasToString("1-2");
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

  @Test
  void theQueueHoldsIdsAndOffsetsButNoBody() {
    // Structure, not timing: no field of the queue, its entries or what it hands out can hold a body.
    List<Class<?>> holders = new ArrayList<>(List.of(ResultsQueue.class, ResultsQueue.Locked.class));
    for (Class<?> nested : ResultsQueue.class.getDeclaredClasses()) {
      holders.add(nested);
    }
    for (Class<?> holder : holders) {
      for (Field field : holder.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers())) {
          assertThat(field.getType()).as(holder.getSimpleName() + "." + field.getName())
              .isNotEqualTo(byte[].class).isNotEqualTo(no.examhub.event.RawRequest.class)
              .isNotEqualTo(com.fasterxml.jackson.databind.JsonNode.class);
        }
      }
    }
  }

  @Test
  void aRepeatOfAWaitingEventIsDroppedAndCounted() {
    queue.offer(new MessageId(0, 1), "results/TI-1", clock.instant());
    queue.offer(new MessageId(1, 9), "results/TI-1", clock.instant());

    assertThat(queue.size()).isEqualTo(1);
    assertThat(registry.counter("examhub.metrica.queue.repeats").count()).isEqualTo(1);
    ResultsQueue.Locked only = queue.lockOldest().orElseThrow();
    assertThat(only.messageId()).hasToString("0-1");
    assertThat(queue.lockOldest()).isEmpty();
  }

  @Test
  void anEventWhoseEarlierOneWasAcknowledgedIsNoRepeat() {
    queue.offer(new MessageId(0, 1), "results/TI-1", clock.instant());
    ResultsQueue.Locked first = queue.lockOldest().orElseThrow();
    queue.begin(first.messageId(), first.lockToken());
    queue.commit(first.messageId());

    queue.offer(new MessageId(0, 2), "results/TI-1", clock.instant());

    assertThat(queue.lockOldest()).map(ResultsQueue.Locked::messageId).contains(new MessageId(0, 2));
  }

  @Test
  void atItsBoundTheQueueIsFull() {
    offer(0, 1, "a");
    offer(0, 2, "b");
    assertThat(queue.full()).isFalse();

    offer(0, 3, "c");

    assertThat(queue.full()).isTrue();
  }

  @Test
  void aResetQueueIsEmptyAndNotLoaded() {
    offer(0, 1, "a");
    queue.markLoaded();

    queue.reset();

    assertThat(queue.loaded()).isFalse();
    assertThat(queue.size()).isZero();
  }

  /** {@code name} stands for the testInstanceId: each offer is its own event. */
  private void offer(int partition, long offset, String name) {
    queue.offer(new MessageId(partition, offset), "results/" + name, clock.instant());
  }

}
