package no.examhub.testing;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
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
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from the beginning (committed records only), as a downstream consumer would. */
public final class TopicReader {
  private static final Duration READ_ALL_WITHIN = Duration.ofSeconds(60);

  private TopicReader() {}

  /** Every matching value, after waiting until {@code expected} of them are there or the time is up. */
  public static <K, V> List<V> readUntil(String bootstrap, Topic<K, V> topic, Predicate<V> match,
      int expected, Duration within) {
    return recordsUntil(bootstrap, topic, (k, v) -> match.test(v), expected, within).stream()
        .map(Map.Entry::getValue).toList();
  }

  /** Like {@link #readUntil}, with each value's key, for specs about keys. */
  public static <K, V> List<Map.Entry<K, V>> recordsUntil(String bootstrap, Topic<K, V> topic,
      BiPredicate<K, V> match, int expected, Duration within) {
    List<Map.Entry<K, V>> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = fromBeginning(bootstrap, topic.name(), "test-reader-", 500)) {
      long deadline = System.nanoTime() + within.toNanos();
      while (System.nanoTime() < deadline && found.size() < expected) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          V value = readable(topic, r.value());
          K key = r.key() == null ? null : topic.keySerde().deserializer().deserialize(topic.name(), r.key());
          if (value != null && match.test(key, value)) {
            found.add(new AbstractMap.SimpleImmutableEntry<>(key, value));
          }
        }
      }
    }
    return found;
  }

  /**
   * What matches, read until the first match arrives (within {@code within}) and then once more for
   * up to {@code quiet}, for a second: for specs that something happens exactly once. A fixed
   * short wait for "two, expecting one" failed whenever the machine was slow enough that even the
   * first came late (seen with the 2 cores shared by several test runs).
   */
  public static <K, V> List<V> readOnce(String bootstrap, Topic<K, V> topic, Predicate<V> match,
      Duration within, Duration quiet) {
    if (readUntil(bootstrap, topic, match, 1, within).isEmpty()) {
      return List.of();
    }
    return readUntil(bootstrap, topic, match, 2, quiet);
  }

  /** Like {@link #readUntil}, with each matching value's key, in the order read. */
  public static <K, V> List<Map.Entry<K, V>> readEntriesUntil(String bootstrap, Topic<K, V> topic,
      Predicate<V> match, int expected, Duration within) {
    return recordsUntil(bootstrap, topic, (k, v) -> match.test(v), expected, within);
  }

  /**
   * Everything on a topic, from the beginning to its end as of the call, read {@code read_committed}
   * as Examhub's own consumers read it: a record of an aborted transaction (a crashed Streams
   * instance's unfinished work) is not there. For topics written without transactions (the raw
   * topics) read_committed and read_uncommitted return the same records.
   */
  public static <K, V> List<Map.Entry<K, V>> readAll(String bootstrap, Topic<K, V> topic) {
    List<Map.Entry<K, V>> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = fromBeginning(bootstrap, topic.name(), "test-scan-", 5_000)) {
      List<TopicPartition> partitions = List.copyOf(consumer.assignment());
      // With read_committed these are the last stable offsets: the end of what is committed.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + READ_ALL_WITHIN.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic.name() + " to its end within " + READ_ALL_WITHIN);
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

  /** A read_committed consumer of every partition of {@code topic}, at its beginning, as Examhub's own read. */
  private static KafkaConsumer<byte[], byte[]> fromBeginning(String bootstrap, String topic, String clientPrefix,
      int maxPollRecords) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientPrefix + UUID.randomUUID());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  /** The sum of the topic's end offsets: it grows whenever anything is written. */
  public static long endOffsetSum(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "test-ends-" + UUID.randomUUID());
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

  /** Poison records written by tests are skipped, as the topology skips them. */
  private static <V> V readable(Topic<?, V> topic, byte[] bytes) {
    try {
      return bytes == null ? null : topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
    } catch (SerializationException poison) {
      return null;
    }
  }
}
