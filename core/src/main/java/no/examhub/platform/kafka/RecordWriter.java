package no.examhub.platform.kafka;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes one record and completes on the broker's acknowledgement: what an HTTP route needs of the
 * {@link DurableProducer}, so a route test runs the route on an unstarted server with a fake.
 */
@FunctionalInterface
public interface RecordWriter {
  <K, V> CompletableFuture<RecordMetadata> send(Topic<K, V> topic, K key, V value);
}
