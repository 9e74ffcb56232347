package no.examhub.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records with acks=all and completes a future on the broker's acknowledgement, so a
 * caller can answer its own client only once the record is durable, without holding a thread.
 */
public final class DurableProducer implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaClientMetrics metrics;

  public DurableProducer(String bootstrapServers, String clientId, long maxBlockMs, MeterRegistry registry) {
    this.producer = new KafkaProducer<>(
        KafkaSettings.durableProducer(bootstrapServers, clientId, maxBlockMs),
        new ByteArraySerializer(), new ByteArraySerializer());
    this.metrics = new KafkaClientMetrics(producer);
    metrics.bindTo(registry);
  }

  public <K, V> CompletableFuture<RecordMetadata> send(Topic<K, V> topic, K key, V value) {
    byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
    CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(topic.name(), k, v), (metadata, error) -> {
        if (error == null) {
          acknowledged.complete(metadata);
        } else {
          acknowledged.completeExceptionally(error);
        }
      });
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
    producer.close();
  }
}
