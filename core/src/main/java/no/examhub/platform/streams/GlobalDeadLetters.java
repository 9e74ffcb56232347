package no.examhub.platform.streams;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Kafka Streams 4.3 cannot take dead-letter records back from a handler on the global thread (it
 * casts the global context to a record collector and dies, taking the whole application down), so
 * poison in a global table's topic is dead-lettered by a producer of its own. A global table is
 * rebuilt from its topic, not processed exactly once, so there is no transaction to join.
 */
final class GlobalDeadLetters {
  private final String bootstrapServers;
  private KafkaProducer<byte[], byte[]> producer;

  GlobalDeadLetters(Map<String, ?> streamsConfigs) {
    Object servers = streamsConfigs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    this.bootstrapServers = servers instanceof java.util.List<?> list ? String.join(",",
        list.stream().map(Object::toString).toList()) : String.valueOf(servers);
  }

  /** Global tasks have no sub-topology of their own: Streams gives them a negative or no task id. */
  static boolean isGlobal(TaskId task) {
    return task == null || task.subtopology() < 0;
  }

  synchronized void send(ProducerRecord<byte[], byte[]> letter) {
    if (producer == null) {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.CLIENT_ID_CONFIG, "examhub-global-dead-letters");
      producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
    producer.send(letter);
    producer.flush();
  }
}
