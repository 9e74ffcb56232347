package no.examhub.testing;

import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiPredicate;
import no.examhub.platform.kafka.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Like {@link TopicReader}, for tests that check keys too: every matching key and value. */
public final class KeyedTopicReader {
  private KeyedTopicReader() {}

  public static <K, V> List<Map.Entry<K, V>> readUntil(String bootstrap, Topic<K, V> topic,
      BiPredicate<K, V> match, int expected, Duration within) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "test-keyed-reader-" + UUID.randomUUID());
    List<Map.Entry<K, V>> found = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(p, topic.keySerde().deserializer(),
        topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(i -> new TopicPartition(topic.name(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + within.toNanos();
      while (System.nanoTime() < deadline && found.size() < expected) {
        for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
          if (match.test(r.key(), r.value())) {
            found.add(new SimpleEntry<>(r.key(), r.value()));
          }
        }
      }
    }
    return found;
  }
}
