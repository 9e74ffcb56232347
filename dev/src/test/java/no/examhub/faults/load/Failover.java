package no.examhub.faults.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How long the survivor took to carry on a killed instance's work, seen from outside while the
 * killed one stays down. Two things must have happened, and the failover is the later:
 *
 * <ul>
 *   <li>the dead member's tasks run again: the application's committed offset has moved on every
 *       partition of the raw Inspera topic (the survivor's own partitions move at once, the dead
 *       member's once the group gave them to the survivor, after the session timeout);
 *   <li>its open transaction is aborted: every partition of the exam events receives committed
 *       records again (a read_committed reader, as the topology's next steps and dispatch are,
 *       waits at the first record of that transaction, on every partition it wrote, until then).
 * </ul>
 *
 * The first exam event, command and outcome after the kill are noted too: they show what the
 * survivor went on doing meanwhile.
 *
 * @param seconds the failover: every partition moving again; NaN if not within the bound
 */
record Failover(double seconds, double rawSeconds, double eventsSeconds, double firstEventSeconds,
    double firstCommandSeconds, double firstOutcomeSeconds) {

  private static final List<String> COMMAND_TOPICS = List.of(Topics.commandsFor(Partner.INSPERA).name(),
      Topics.commandsFor(Partner.ARCHIVE).name(), Topics.commandsFor(Partner.PROVIEW).name());

  boolean resumed() {
    return !Double.isNaN(seconds);
  }

  /** The group's committed offsets on the raw Inspera topic now (-1 where it has none). */
  static Map<TopicPartition, Long> committed(Admin admin, String group) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    try {
      String raw = Topics.RAW_INSPERA.name();
      admin.describeTopics(List.of(raw)).allTopicNames().get(10, TimeUnit.SECONDS).get(raw).partitions()
          .forEach(p -> offsets.put(new TopicPartition(raw, p.partition()), -1L));
      Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      offsets.replaceAll((tp, none) -> all.get(tp) == null ? -1L : all.get(tp).offset());
      return offsets;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the committed offsets of " + group, e);
    }
  }

  /**
   * Waits (at most {@code within}) until every raw partition's committed offset has passed where it
   * was at the kill ({@code atKill}, read just after it) and every exam-events partition received.
   */
  static Failover await(Admin admin, String group, Map<TopicPartition, Long> atKill, long killNanos,
      Arrivals arrivals, Duration within) throws InterruptedException {
    long deadline = killNanos + within.toNanos();
    Map<TopicPartition, Long> movedAt = new HashMap<>();
    OptionalLong events = OptionalLong.empty();
    while (System.nanoTime() < deadline && (movedAt.size() < atKill.size() || events.isEmpty())) {
      Thread.sleep(100);
      long now = System.nanoTime();
      try {
        committed(admin, group).forEach((tp, offset) -> {
          if (offset > atKill.getOrDefault(tp, -1L)) {
            movedAt.putIfAbsent(tp, now);
          }
        });
      } catch (IllegalStateException notNow) {
        // A slow answer on a loaded machine: ask again.
      }
      events = arrivals.everyPartition(Topics.EXAM_EVENTS.name(), killNanos);
    }
    double raw = movedAt.size() < atKill.size() ? Double.NaN
        : since(killNanos, OptionalLong.of(movedAt.values().stream().mapToLong(Long::longValue).max().orElse(killNanos)));
    double written = since(killNanos, events);
    return new Failover(Math.max(raw, written), raw, written,
        since(killNanos, arrivals.first(Topics.EXAM_EVENTS.name(), killNanos)),
        since(killNanos, COMMAND_TOPICS.stream().map(t -> arrivals.first(t, killNanos)).filter(OptionalLong::isPresent)
            .mapToLong(OptionalLong::getAsLong).min()),
        since(killNanos, arrivals.first(Topics.OUTCOMES.name(), killNanos)));
  }

  private static double since(long fromNanos, OptionalLong at) {
    return at.isPresent() ? (at.getAsLong() - fromNanos) / 1e9 : Double.NaN;
  }

  private static String format(double seconds) {
    return Double.isNaN(seconds) ? "not within the bound" : String.format("%.1f s", seconds);
  }

  void addTo(Figures f) {
    f.add("failover: every partition moving again after", format(seconds))
        .add("  raw Inspera partitions processed again after", format(rawSeconds))
        .add("  every exam-events partition receiving again after", format(eventsSeconds))
        .add("first exam event arriving after the kill", format(firstEventSeconds))
        .add("first command arriving after the kill", format(firstCommandSeconds))
        .add("first outcome arriving after the kill", format(firstOutcomeSeconds));
  }
}
