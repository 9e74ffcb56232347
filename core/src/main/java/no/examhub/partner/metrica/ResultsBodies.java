package no.examhub.partner.metrica;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one results event's body from {@code examhub.raw.metrica} by its offset, when the queue
 * hands the message out: a consumer of its own (no group), assigned and seeked per read. Reads are
 * one at a time (a consumer is not thread-safe); DFE reads the queue one message at a time anyway.
 */
final class ResultsBodies implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Duration timeout;

  ResultsBodies(String bootstrapServers, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "examhub-metrica-bodies-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.timeout = timeout;
  }

  /**
   * The body at {@code id}; empty when the record is gone (past the topic's retention) or is not a
   * readable raw request. Throws when the broker does not answer within the timeout.
   */
  synchronized Optional<byte[]> read(MessageId id) {
    TopicPartition tp = new TopicPartition(Topics.RAW_METRICA.name(), id.partition());
    consumer.assign(List.of(tp));
    Map<TopicPartition, Long> start = consumer.beginningOffsets(List.of(tp), timeout);
    if (start.getOrDefault(tp, 0L) > id.offset()) {
      return Optional.empty();
    }
    consumer.seek(tp, id.offset());
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        if (r.offset() >= id.offset()) {
          return r.offset() == id.offset() ? body(r) : Optional.empty();
        }
      }
      if (consumer.position(tp) > id.offset()) {
        // Compaction or an aborted transaction left no record at this offset.
        return Optional.empty();
      }
    }
    throw new IllegalStateException("no record from " + tp + " within " + timeout);
  }

  private static Optional<byte[]> body(ConsumerRecord<byte[], byte[]> r) {
    try {
      RawRequest raw = r.value() == null ? null
          : Topics.RAW_METRICA.valueSerde().deserializer().deserialize(r.topic(), r.value());
      return Optional.ofNullable(raw).map(RawRequest::body);
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  @Override
  public synchronized void close() {
    consumer.close();
  }
}
