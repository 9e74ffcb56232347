package no.examhub.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts what the topology writes, as a downstream consumer sees it ({@code read_committed}), and
 * when the last output arrived. Values are not deserialised: counting costs the
 * bench JVM little, so it takes no CPU worth mentioning from the topology it measures.
 */
final class OutputCounter implements AutoCloseable {
  static final List<String> TOPICS = List.of(Topics.EXAM_EVENTS.name(), Topics.COMMANDS_INSPERA.name(),
      Topics.COMMANDS_FS.name(), Topics.COMMANDS_WISEFLOW.name(), Topics.COMMANDS_ARCHIVE.name(),
      Topics.DEAD_LETTERS.name(), Topics.commandsFor(Partner.PROVIEW).name(), Topics.PROCTORING_RESULTS.name());

  private final Map<String, AtomicLong> counts = new TreeMap<>();
  private final AtomicLong lastMillis = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread reader;

  OutputCounter(String bootstrap) {
    TOPICS.forEach(t -> counts.put(t, new AtomicLong()));
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-output-counter-" + UUID.randomUUID());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    List<TopicPartition> partitions = TOPICS.stream().flatMap(t -> consumer.partitionsFor(t).stream())
        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    reader = new Thread(() -> read(consumer), "bench-output-counter");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(KafkaConsumer<byte[], byte[]> consumer) {
    try (consumer) {
      while (running.get()) {
        var records = consumer.poll(Duration.ofMillis(100));
        if (records.isEmpty()) {
          continue;
        }
        long now = System.currentTimeMillis();
        lastMillis.set(now);
        for (ConsumerRecord<byte[], byte[]> r : records) {
          counts.get(r.topic()).incrementAndGet();
        }
      }
    }
  }

  long count(String topic) {
    return counts.get(topic).get();
  }

  long total() {
    return counts.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Epoch millis of the last poll that returned output; 0 before any. */
  long lastMillis() {
    return lastMillis.get();
  }

  /** Non-empty topics only, {@code name=count}, short names. */
  String summary() {
    StringBuilder s = new StringBuilder();
    counts.forEach((topic, n) -> {
      if (n.get() > 0) {
        s.append(s.length() == 0 ? "" : ", ").append(topic.replace("examhub.", "")).append(' ').append(n.get());
      }
    });
    return s.toString();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    reader.join(5_000);
  }
}
