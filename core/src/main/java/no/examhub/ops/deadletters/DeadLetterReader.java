package no.examhub.ops.deadletters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import no.examhub.event.FailedCommand;
import no.examhub.event.Topics;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole command dead-letter topic with a short-lived consumer assigned to every
 * partition (no group, nothing committed), up to the end offsets it found at the start. The topic
 * is small (what failed in 30 days), so this is fine for an operator's call.
 */
final class DeadLetterReader {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReader.class);
  private static final Duration MAX_READ = Duration.ofSeconds(15);

  private final String bootstrapServers;

  DeadLetterReader(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  List<StoredDeadLetter> readAll() {
    String topic = Topics.COMMAND_DEAD_LETTERS.name();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<StoredDeadLetter> found = new ArrayList<>();
      long deadline = System.nanoTime() + MAX_READ.toNanos();
      while (!reachedEnd(consumer, ends)) {
        if (System.nanoTime() > deadline) {
          throw ApiException.of(ErrorCode.BACKEND_TIMEOUT);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          read(r).ifPresent(found::add);
        }
      }
      return found;
    } catch (KafkaException e) {
      LOG.warn("cannot read {}: {}", topic, e.toString());
      throw ApiException.of(ErrorCode.BACKEND_DOWN);
    }
  }

  private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private static java.util.Optional<StoredDeadLetter> read(ConsumerRecord<String, byte[]> r) {
    try {
      FailedCommand f = Topics.COMMAND_DEAD_LETTERS.valueSerde().deserializer().deserialize(r.topic(), r.value());
      if (f == null || f.command() == null) {
        return java.util.Optional.empty();
      }
      String id = new DeadLetterId(r.topic(), r.partition(), r.offset()).toString();
      return java.util.Optional.of(new StoredDeadLetter(id, r.key(), f));
    } catch (RuntimeException unreadable) {
      LOG.warn("skipping an unreadable dead letter at {}-{}@{}", r.topic(), r.partition(), r.offset());
      return java.util.Optional.empty();
    }
  }

  private KafkaConsumer<String, byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "examhub-dead-letters-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
