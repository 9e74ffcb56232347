package no.examhub.ops.deadletters;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import no.examhub.platform.kafka.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the dead-letter topic ends now, as a read_committed reader sees it (the last stable
 * offset): what an operator's request waits for the index to reach, so that a dead letter written
 * before the request is in its answer. One small request to the partitions' leaders (a millisecond
 * or two on a local broker), through one Admin client of this instance.
 */
final class DeadLetterEnds implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterEnds.class);
  private static final long TIMEOUT_MS = 2_000;

  private final Admin admin;
  private final String topic;

  DeadLetterEnds(String bootstrapServers, String topic) {
    this.admin = Admin.create(KafkaSettings.admin(bootstrapServers));
    this.topic = topic;
  }

  /** The end of each of these partitions; empty when the broker did not answer in time. */
  Optional<Map<Integer, Long>> of(Set<Integer> partitions) {
    if (partitions.isEmpty()) {
      return Optional.empty();
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(p -> latest.put(new TopicPartition(topic, p), OffsetSpec.latest()));
    try {
      Map<Integer, Long> ends = new HashMap<>();
      admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
          .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
      return Optional.of(ends);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      LOG.warn("cannot read the end offsets of {}: {}", topic, e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    admin.close(java.time.Duration.ofSeconds(2));
  }
}
