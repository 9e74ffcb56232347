package no.examhub.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records with acks=all and completes a future on the broker's acknowledgement, so a
 * caller can answer its own client only once the record is durable, without holding a thread.
 *
 * <p>The futures complete on a small pool of this producer's own, not on the producer's single I/O
 * thread: whatever a caller chains onto the acknowledgement (the ingress writes its HTTP answer, the
 * access log line and metrics) would otherwise run on that one thread and serialise every answer of
 * the server behind the next network round trip (measured: it capped the ingress, docs/performance.md).
 */
public final class DurableProducer implements RecordWriter, AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaClientMetrics metrics;
  private final ExecutorService completions;

  public DurableProducer(String bootstrapServers, String clientId, long maxBlockMs, MeterRegistry registry) {
    this.producer = new KafkaProducer<>(
        KafkaSettings.durableProducer(bootstrapServers, clientId, maxBlockMs),
        new ByteArraySerializer(), new ByteArraySerializer());
    this.metrics = new KafkaClientMetrics(producer);
    metrics.bindTo(registry);
    this.completions = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
        named(clientId + "-ack-"));
  }

  @Override
  public <K, V> CompletableFuture<RecordMetadata> send(Topic<K, V> topic, K key, V value) {
    byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
    CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(topic.name(), k, v), (metadata, error) -> completions.execute(() -> {
        if (error == null) {
          acknowledged.complete(metadata);
        } else {
          acknowledged.completeExceptionally(error);
        }
      }));
    } catch (RuntimeException e) {
      // send() throws rather than calling back when metadata cannot be had within max.block.ms.
      acknowledged.completeExceptionally(e);
    }
    return acknowledged;
  }

  public KafkaProducer<byte[], byte[]> unwrap() {
    return producer;
  }

  @Override
  public void close() {
    metrics.close();
    producer.close(); // flushes: the last callbacks are queued on the pool before it stops
    completions.shutdown();
    try {
      completions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
