package no.examhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The steady rate leaves out a slow start: it is taken over the second half of the outputs. */
class OutputTimelineTest {

  @Test
  void aSlowStartDoesNotCountInTheSteadyRate() {
    OutputTimeline timeline = new OutputTimeline();
    timeline.record(0, 0);
    timeline.record(10_000, 100); // ten seconds of start-up for 100 outputs
    timeline.record(11_000, 500);
    timeline.record(12_000, 1_000);
    timeline.record(13_000, 1_500);
    timeline.record(14_000, 2_000);

    // Outputs are 2,000 for 4,000 inputs: the second half (2,000 inputs) took the last 2 s, not 14 s.
    assertThat(timeline.steadyRate(4_000)).isCloseTo(1_000, within(0.1));
    assertThat(timeline.firstOutputMillis()).isEqualTo(10_000);
  }

  @Test
  void theHalfwayPointIsTheFirstSampleAtOrPastHalfTheOutputs() {
    OutputTimeline timeline = new OutputTimeline();
    timeline.record(0, 0);
    timeline.record(1_000, 400);
    timeline.record(3_000, 600);
    timeline.record(5_000, 1_000);

    // From 600 to 1,000 outputs (40 % of them, so 40 % of 10,000 inputs) in 2 s.
    assertThat(timeline.steadyRate(10_000)).isCloseTo(2_000, within(0.1));
  }

  @Test
  void unchangedCountsAreOnePointAndTooFewPointsGiveNoRate() {
    OutputTimeline timeline = new OutputTimeline();
    timeline.record(0, 50);
    timeline.record(1_000, 50);

    assertThat(timeline.steadyRate(100)).isNaN();
  }
}
