package no.examhub.ops.deadletters;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import no.examhub.event.ReplayDecision;
import no.examhub.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the topology's decisions on one request's replays, read from {@code
 * examhub.replay-decisions} from where it ended before the replays were published (no group,
 * nothing committed). What is not decided within the wait is reported pending: the topology still
 * decides it, and the operator sees it in the dead-letter list.
 */
final class ReplayDecisions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayDecisions.class);

  private final KafkaConsumer<String, byte[]> consumer;

  /** Opened before the replays are published, so no decision can come before it starts reading. */
  ReplayDecisions(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "examhub-replay-decisions-" + UUID.randomUUID());
    // The decisions come from an exactly-once topology: only committed ones count.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    String topic = Topics.REPLAY_DECISIONS.name();
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // fixes the start now, before anything is published
  }

  /** The decisions on these requests that came within {@code wait}, by request id. */
  Map<String, ReplayDecision> await(Set<String> requestIds, Duration wait) {
    Map<String, ReplayDecision> decided = new HashMap<>();
    long deadline = System.nanoTime() + wait.toNanos();
    while (decided.size() < requestIds.size() && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        try {
          ReplayDecision d = Topics.REPLAY_DECISIONS.valueSerde().deserializer().deserialize(r.topic(), r.value());
          if (d != null && requestIds.contains(d.requestId())) {
            decided.put(d.requestId(), d);
          }
        } catch (RuntimeException unreadable) {
          LOG.warn("skipping an unreadable replay decision at {}-{}@{}", r.topic(), r.partition(), r.offset());
        }
      }
    }
    return decided;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
