package no.examhub.faults.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.common.TopicPartition;

/**
 * How long one SIGKILL stopped commands, measured from the kill. Every webhook that causes a
 * command of its own and was acknowledged before the victim was started again counts; its wait is
 * from the kill (or its acknowledgement, if later) until its command was readable to dispatch
 * (read_committed), and until its outcome was written (carried out). The longest wait is the
 * failover: the webhooks whose partitions the victim owned wait until the survivor has taken them
 * over; the others show the ordinary latency.
 *
 * @param commandsAgainSeconds the longest wait for a command to be readable
 * @param carriedOutAgainSeconds the longest wait for its outcome
 * @param longestPartitionGapSeconds the longest time from the kill until the next command on one
 *     partition of the command topics (a transaction left open by the victim holds a whole partition)
 * @param measured webhooks whose wait counted
 * @param neverSeen of those, commands or outcomes not seen at all (then the figures are a lower bound)
 */
record Failover(String victim, double commandsAgainSeconds, double carriedOutAgainSeconds,
    double longestPartitionGapSeconds, int measured, int neverSeen) {

  static Failover measure(String victim, long killNanos, long windowEndNanos, CrashLoad load, AtomicLongArray acks,
      CommandClock clock, long nowNanos) {
    long commands = 0;
    long carriedOut = 0;
    int measured = 0;
    int neverSeen = 0;
    for (Map.Entry<Integer, String> e : load.directCommandKeys().entrySet()) {
      long acked = acks.get(e.getKey());
      OptionalLong command = clock.commandSeen(e.getValue());
      if (acked == 0 || acked >= windowEndNanos || (command.isPresent() && command.getAsLong() <= killNanos)) {
        continue;
      }
      measured++;
      long from = Math.max(acked, killNanos);
      OptionalLong outcome = clock.outcomeSeen(e.getValue());
      if (command.isEmpty() || outcome.isEmpty()) {
        neverSeen++;
      }
      commands = Math.max(commands, command.orElse(nowNanos) - from);
      carriedOut = Math.max(carriedOut, outcome.orElse(nowNanos) - from);
    }
    return new Failover(victim, commands / 1e9, carriedOut / 1e9, longestGap(clock.commands(), killNanos, nowNanos) / 1e9,
        measured, neverSeen);
  }

  /** Per command partition, from the kill to the first command seen on it after the kill. */
  private static long longestGap(List<CommandClock.Seen> seen, long killNanos, long nowNanos) {
    Map<TopicPartition, Long> first = new HashMap<>();
    seen.stream().filter(s -> s.nanos() > killNanos).forEach(s -> first.merge(s.partition(), s.nanos(), Math::min));
    return first.values().stream().mapToLong(t -> t - killNanos).max().orElse(nowNanos - killNanos);
  }

  /**
   * The ordinary latency before the first kill, for comparison: acknowledgement to readable command,
   * as the {@code p}-quantile in seconds.
   */
  static double latencyBefore(long nanos, CrashLoad load, AtomicLongArray acks, CommandClock clock, double p) {
    List<Long> sorted = load.directCommandKeys().entrySet().stream()
        .filter(e -> acks.get(e.getKey()) != 0 && acks.get(e.getKey()) < nanos && clock.commandSeen(e.getValue()).isPresent())
        .map(e -> clock.commandSeen(e.getValue()).getAsLong() - acks.get(e.getKey()))
        .sorted().toList();
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e9;
  }

  @Override
  public String toString() {
    return String.format("%s: commands readable again after %.1f s, carried out after %.1f s (longest gap on a "
        + "command partition %.1f s; %d webhooks measured%s)", victim, commandsAgainSeconds, carriedOutAgainSeconds,
        longestPartitionGapSeconds, measured, neverSeen == 0 ? "" : ", " + neverSeen + " never seen: a lower bound");
  }
}
