package no.examhub.faults.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches topics from their current end, read_committed as Examhub's own readers, and notes when
 * committed records arrive: the topology's and dispatch's progress, as seen from outside. A gap
 * here includes this consumer's own wait when a partition's leader moves.
 */
final class Arrivals implements AutoCloseable {
  private final Timeline timeline = new Timeline();
  private final Map<TopicPartition, Timeline> byPartition = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closing;

  private Arrivals(String bootstrap, List<String> topics) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "test-arrivals-" + UUID.randomUUID());
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    topics.forEach(t -> consumer.partitionsFor(t).forEach(i -> partitions.add(new TopicPartition(t, i.partition()))));
    partitions.forEach(tp -> byPartition.put(tp, new Timeline()));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    thread = new Thread(() -> watch(consumer), "arrivals");
    thread.setDaemon(true);
  }

  static Arrivals watch(String bootstrap, List<String> topics) {
    Arrivals a = new Arrivals(bootstrap, topics);
    a.thread.start();
    return a;
  }

  private void watch(KafkaConsumer<byte[], byte[]> consumer) {
    try (consumer) {
      while (!closing) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
        if (!records.isEmpty()) {
          long now = System.nanoTime();
          timeline.add(now);
          records.partitions().forEach(tp -> byPartition.get(tp).add(now));
        }
      }
    }
  }

  Timeline timeline() {
    return timeline;
  }

  /** When the first record after {@code fromNanos} arrived on any partition of {@code topic}, if one has. */
  OptionalLong first(String topic, long fromNanos) {
    return byPartition.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
        .map(e -> e.getValue().firstAfter(fromNanos)).filter(OptionalLong::isPresent)
        .mapToLong(OptionalLong::getAsLong).min();
  }

  /**
   * When every partition of {@code topic} had received a record after {@code fromNanos}: the
   * instant of the last of those first arrivals; empty while a partition still waits.
   */
  OptionalLong everyPartition(String topic, long fromNanos) {
    long last = 0;
    for (Map.Entry<TopicPartition, Timeline> e : byPartition.entrySet()) {
      if (e.getKey().topic().equals(topic)) {
        OptionalLong first = e.getValue().firstAfter(fromNanos);
        if (first.isEmpty()) {
          return OptionalLong.empty();
        }
        last = Math.max(last, first.getAsLong());
      }
    }
    return OptionalLong.of(last);
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    thread.join(5_000);
  }
}
