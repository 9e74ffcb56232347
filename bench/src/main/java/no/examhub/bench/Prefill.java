package no.examhub.bench;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import no.examhub.platform.kafka.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Fills the input topics before the topology starts, as fast as one producer goes: big batches and
 * lz4 (the ingress's compression when the topology figures in docs/performance.md were measured; it
 * sends uncompressed since 2026-12-03), acks=all and idempotent so every record is there exactly once.
 * Values go through each topic's own serde, so they are byte for byte what Examhub writes.
 */
final class Prefill implements Workload.Sink, AutoCloseable {
  record Result(Workload.Counts counts, double seconds, long bytes) {
    double recordsPerSecond() {
      return counts.total() / seconds;
    }
  }

  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  Prefill(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-prefill");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  static Result fill(String bootstrap, long records) {
    long start = System.nanoTime();
    try (Prefill prefill = new Prefill(bootstrap)) {
      Workload.Counts counts = Workload.generate(records, prefill);
      prefill.flush();
      return new Result(counts, (System.nanoTime() - start) / 1e9, prefill.bytes.get());
    }
  }

  @Override
  public <V> void send(Topic<String, V> topic, String key, V value) {
    byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
    bytes.addAndGet(k.length + v.length);
    producer.send(new ProducerRecord<>(topic.name(), k, v), (m, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    });
  }

  /** Waits until every record sent is acknowledged; fails if one was not. */
  void flush() {
    producer.flush();
    if (failure.get() != null) {
      throw new IllegalStateException("pre-fill failed", failure.get());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
