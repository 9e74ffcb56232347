package no.examhub.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The pre-filled input partitions as the broker sees them: leaders, end offsets, what was committed. */
final class InputOffsets {
  private final Admin admin;

  InputOffsets(Admin admin) {
    this.admin = admin;
  }

  Set<TopicPartition> partitions() throws Exception {
    return admin.describeTopics(Workload.inputTopics()).allTopicNames().get().values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .collect(Collectors.toSet());
  }

  Map<TopicPartition, Long> ends() throws Exception {
    Map<TopicPartition, OffsetSpec> latest = partitions().stream()
        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** The group's committed offsets on every partition it consumes (internal topics included). */
  Map<TopicPartition, Long> committed(String applicationId) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId)
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, Long> committed = new HashMap<>();
    offsets.forEach((tp, o) -> {
      if (o != null) {
        committed.put(tp, o.offset());
      }
    });
    return committed;
  }

  /**
   * An idempotent producer that writes to partitions whose leaders are still being elected can get
   * stuck retrying OUT_OF_ORDER_SEQUENCE_NUMBER until its batches expire (seen here): the pre-fill
   * starts only once every input partition has a leader.
   */
  void awaitLeaders() throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      boolean led = admin.describeTopics(Workload.inputTopics()).allTopicNames().get().values().stream()
          .flatMap(d -> d.partitions().stream())
          .allMatch(p -> p.leader() != null && p.leader().id() >= 0 && !p.isr().isEmpty());
      if (led) {
        Thread.sleep(1_000);
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the input topics have no leaders after 60 s");
  }
}
