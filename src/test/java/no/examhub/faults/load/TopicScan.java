package no.examhub.faults.load;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import no.examhub.platform.kafka.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything on a topic, from the beginning to its end as of the call, read {@code read_committed}
 * as Examhub's own consumers read it: a record of an aborted transaction (a crashed Streams
 * instance's unfinished work) is not there. For topics written without transactions (the raw
 * topics) read_committed and read_uncommitted return the same records.
 */
final class TopicScan {
  private static final Duration WITHIN = Duration.ofSeconds(60);

  private TopicScan() {}

  static <K, V> List<Map.Entry<K, V>> readAll(String bootstrap, Topic<K, V> topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "fault-scan-" + UUID.randomUUID());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    List<Map.Entry<K, V>> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(i -> new TopicPartition(topic.name(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // With read_committed these are the last stable offsets: the end of what is committed.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + WITHIN.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic.name() + " to its end within " + WITHIN);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          V value = readable(topic, r.value());
          if (value != null) {
            K key = r.key() == null ? null : topic.keySerde().deserializer().deserialize(topic.name(), r.key());
            found.add(new AbstractMap.SimpleImmutableEntry<>(key, value));
          }
        }
      }
    }
    return found;
  }

  /** The sum of the topic's end offsets: it grows whenever anything is written. */
  static long endOffsetSum(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "fault-ends-" + UUID.randomUUID());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /** Poison that a test wrote is skipped, as Examhub skips it. */
  private static <V> V readable(Topic<?, V> topic, byte[] bytes) {
    try {
      return bytes == null ? null : topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
    } catch (SerializationException poison) {
      return null;
    }
  }
}
