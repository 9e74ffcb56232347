package no.examhub.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import no.examhub.platform.kafka.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Like {@link TopicReader}, with each value's key, for tests that check how records are keyed. */
public final class KeyedTopicReader {
  private KeyedTopicReader() {}

  public static <K, V> List<Map.Entry<K, V>> readUntil(String bootstrap, Topic<K, V> topic, Predicate<V> match,
      int expected, Duration within) {
    return TopicReader.recordsUntil(bootstrap, topic, (k, v) -> match.test(v), expected, within);
  }

  public static <K, V> List<Map.Entry<K, V>> readUntil(String bootstrap, Topic<K, V> topic, BiPredicate<K, V> match,
      int expected, Duration within) {
    return TopicReader.recordsUntil(bootstrap, topic, match, expected, within);
  }

  /**
   * The latest committed value of every key of a topic (a changelog, a compacted topic) as text,
   * read from the beginning to the end offsets of now; a key whose latest value is a tombstone maps
   * to null. What a restore, or compaction's end state, would keep.
   */
  public static Map<String, String> latestValues(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "latest-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Map<String, String> latest = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
          latest.put(key, r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return latest;
  }
}
