package no.examhub.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * How many outputs had arrived when, to tell the steady rate from the whole run's: the first
 * seconds of a run pay for the rebalance, opening the stores and the JIT compiler, which a long
 * replay amortises and a short run does not. The steady rate is the input's second half over the
 * time the second half of the outputs took (outputs follow inputs in a fixed proportion).
 */
final class OutputTimeline {
  private final List<long[]> points = new ArrayList<>();

  void record(long millis, long outputs) {
    if (points.isEmpty() || points.get(points.size() - 1)[1] != outputs) {
      points.add(new long[] {millis, outputs});
    }
  }

  /** When the first output arrived (epoch millis); 0 before any. */
  long firstOutputMillis() {
    return points.stream().filter(p -> p[1] > 0).mapToLong(p -> p[0]).findFirst().orElse(0);
  }

  /** Input records per second over the second half of the outputs; NaN without enough points. */
  double steadyRate(long inputs) {
    if (points.size() < 2) {
      return Double.NaN;
    }
    long[] last = points.get(points.size() - 1);
    for (long[] p : points) {
      if (p[1] * 2 >= last[1]) {
        double seconds = (last[0] - p[0]) / 1000.0;
        double share = (last[1] - p[1]) / (double) last[1];
        return seconds <= 0 ? Double.NaN : inputs * share / seconds;
      }
    }
    return Double.NaN;
  }
}
