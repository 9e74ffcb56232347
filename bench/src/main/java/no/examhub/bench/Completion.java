package no.examhub.bench;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * When the topology has finished the pre-filled input. Three things must hold: the application's
 * committed offsets reached the end of every input partition (so every input record was processed
 * and its transaction committed); at least the expected count of exam events (one per distinct
 * webhook) was read; and no output arrived for a quiet period, so what flows on through the
 * internal repartition topics (case inputs, candidate links) has come out too. The quiet period
 * is not counted in the elapsed time: the run ends at the last output's arrival.
 */
final class Completion {
  enum State { WORKING, DONE, STALLED }

  private final long expectedExamEvents;
  private final long quietMillis;
  private final long stallMillis;
  private long lastCommitted = -1;
  private long lastCommitChangeMillis;
  private long caughtUpSinceMillis;

  Completion(long expectedExamEvents, long quietMillis, long stallMillis) {
    this.expectedExamEvents = expectedExamEvents;
    this.quietMillis = quietMillis;
    this.stallMillis = stallMillis;
  }

  /**
   * @param committed the application's committed offsets on the input partitions (absent: none yet)
   * @param ends the end offsets of the same partitions
   * @param lastOutputMillis when output last arrived (0: none yet)
   */
  State observe(long nowMillis, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends,
      long examEvents, long lastOutputMillis) {
    long sum = ends.keySet().stream().mapToLong(tp -> committed.getOrDefault(tp, 0L)).sum();
    if (sum != lastCommitted || lastCommitChangeMillis == 0) {
      lastCommitted = sum;
      lastCommitChangeMillis = nowMillis;
    }
    boolean caughtUp = ends.entrySet().stream()
        .allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
    if (!caughtUp) {
      caughtUpSinceMillis = 0;
    } else if (caughtUpSinceMillis == 0) {
      caughtUpSinceMillis = nowMillis;
    }
    boolean quiet = nowMillis - lastOutputMillis >= quietMillis && nowMillis - caughtUpSinceMillis >= quietMillis;
    if (caughtUp && examEvents >= expectedExamEvents && quiet) {
      return State.DONE;
    }
    long lastActivity = Math.max(lastOutputMillis, lastCommitChangeMillis);
    return nowMillis - lastActivity > stallMillis ? State.STALLED : State.WORKING;
  }

  /** Input records processed so far, as the committed offsets say. */
  long committed() {
    return Math.max(0, lastCommitted);
  }
}
