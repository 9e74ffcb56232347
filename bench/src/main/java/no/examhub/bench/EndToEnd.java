package no.examhub.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import no.examhub.event.ExamEvent;
import no.examhub.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Webhook in -> exam event out: a read_committed consumer (what a downstream consumer sees under
 * exactly_once_v2) on {@code examhub.exam-events} takes, for each event of this run, the time from
 * the ingress's {@code receivedAt} (same JVM, same clock) to the moment it is read.
 */
final class EndToEnd implements AutoCloseable {
  private final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread reader;
  private final String prefix;

  EndToEnd(String bootstrap, String prefix) {
    this.prefix = prefix;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-e2e-" + UUID.randomUUID());
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.EXAM_EVENTS.name()).stream()
        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    reader = new Thread(() -> read(consumer), "bench-e2e-reader");
    reader.start();
  }

  private void read(KafkaConsumer<byte[], byte[]> consumer) {
    try (consumer) {
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          Instant now = Instant.now();
          ExamEvent e = Topics.EXAM_EVENTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
          if (e.objectId() != null && e.objectId().startsWith(prefix) && e.receivedAt() != null) {
            latenciesMicros.add(Duration.between(e.receivedAt(), now).toNanos() / 1000);
          }
        }
      }
    }
  }

  /** Waits until {@code expected} events were read or the time is up; then the percentiles. */
  String summary(int expected, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (latenciesMicros.size() < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    List<Long> sorted;
    synchronized (latenciesMicros) {
      sorted = new ArrayList<>(latenciesMicros);
    }
    Collections.sort(sorted);
    return String.format("%d of %d events, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms", sorted.size(),
        expected, at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999), at(sorted, 1.0));
  }

  private static double at(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
    return sorted.get(Math.max(0, i)) / 1000.0;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    reader.join(5_000);
  }
}
