package no.examhub.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The embedded default's broker: the official one, in a child JVM, keeping its data across restarts. */
class EmbeddedKafkaTest {
  @Test
  void aRecordWrittenBeforeARestartIsStillThereAfterIt() throws Exception {
    Path dir = Files.createTempDirectory("embedded-kafka");
    int port = freePort();
    int controllerPort = freePort();

    try (EmbeddedKafka kafka = new EmbeddedKafka(dir, port, controllerPort).start();
        Admin admin = Admin.create(KafkaSettings.admin(kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
      try (var producer = new KafkaProducer<>(KafkaSettings.durableProducer(kafka.bootstrapServers(), "t", 5000),
          new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("kept", "k", "before restart")).get();
      }
    }

    try (EmbeddedKafka kafka = new EmbeddedKafka(dir, port, controllerPort).start()) {
      assertThat(readAll(kafka.bootstrapServers(), "kept")).containsExactly("before restart");
    }
  }

  private static List<String> readAll(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      return consumer.poll(Duration.ofSeconds(10)).records(tp).stream().map(r -> r.value()).toList();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
