package no.examhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import no.examhub.bench.Completion.State;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** When the topology phase counts the pre-filled input as done, and when as stalled. */
class CompletionTest {
  private static final TopicPartition RAW_0 = new TopicPartition("examhub.raw.inspera", 0);
  private static final TopicPartition RAW_1 = new TopicPartition("examhub.raw.inspera", 1);
  private static final TopicPartition REPARTITION = new TopicPartition("examhub-case-exam-events-repartition", 0);
  private static final Map<TopicPartition, Long> ENDS = Map.of(RAW_0, 100L, RAW_1, 50L);

  private final Completion completion = new Completion(120, 3_000, 60_000);

  @Test
  void notDoneWhileAnInputPartitionIsBehind() {
    State s = completion.observe(100_000, Map.of(RAW_0, 100L, RAW_1, 49L), ENDS, 120, 1_000);

    assertThat(s).isEqualTo(State.WORKING);
  }

  @Test
  void notDoneBeforeEveryExpectedExamEventWasRead() {
    completion.observe(10_000, Map.of(RAW_0, 100L, RAW_1, 50L), ENDS, 119, 1_000);

    assertThat(completion.observe(20_000, Map.of(RAW_0, 100L, RAW_1, 50L), ENDS, 119, 1_000)).isEqualTo(State.WORKING);
  }

  @Test
  void doneOnlyOnceTheOutputWasQuietForTheQuietPeriodAfterCatchingUp() {
    Map<TopicPartition, Long> caughtUp = Map.of(RAW_0, 100L, RAW_1, 50L, REPARTITION, 7L);

    assertThat(completion.observe(10_000, caughtUp, ENDS, 120, 9_000)).isEqualTo(State.WORKING);
    assertThat(completion.observe(11_000, caughtUp, ENDS, 120, 9_000)).isEqualTo(State.WORKING);
    assertThat(completion.observe(12_999, caughtUp, ENDS, 120, 9_000)).isEqualTo(State.WORKING);
    assertThat(completion.observe(13_000, caughtUp, ENDS, 120, 9_000)).isEqualTo(State.DONE);
  }

  @Test
  void outputThatKeepsComingDelaysDone() {
    Map<TopicPartition, Long> caughtUp = Map.of(RAW_0, 100L, RAW_1, 50L);

    completion.observe(10_000, caughtUp, ENDS, 120, 9_000);
    assertThat(completion.observe(14_000, caughtUp, ENDS, 125, 13_500)).isEqualTo(State.WORKING);
    assertThat(completion.observe(16_500, caughtUp, ENDS, 125, 13_500)).isEqualTo(State.DONE);
  }

  @Test
  void stalledWhenNeitherCommitsNorOutputsMoveForTheStallTime() {
    Map<TopicPartition, Long> behind = Map.of(RAW_0, 10L, RAW_1, 5L);

    assertThat(completion.observe(1_000, behind, ENDS, 0, 0)).isEqualTo(State.WORKING);
    assertThat(completion.observe(60_000, behind, ENDS, 0, 0)).isEqualTo(State.WORKING);
    assertThat(completion.observe(61_001, behind, ENDS, 0, 0)).isEqualTo(State.STALLED);
  }

  @Test
  void progressOnTheInputsIsNotAStall() {
    completion.observe(1_000, Map.of(RAW_0, 10L), ENDS, 0, 0);
    completion.observe(60_000, Map.of(RAW_0, 20L), ENDS, 0, 0);

    assertThat(completion.observe(100_000, Map.of(RAW_0, 20L), ENDS, 0, 0)).isEqualTo(State.WORKING);
    assertThat(completion.committed()).isEqualTo(20);
  }

  @Test
  void committedCountsOnlyTheInputsNotTheInternalTopics() {
    completion.observe(1_000, Map.of(RAW_0, 10L, RAW_1, 5L, REPARTITION, 1_000L), ENDS, 0, 0);

    assertThat(completion.committed()).isEqualTo(15);
  }
}
