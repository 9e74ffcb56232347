package no.examhub.bench;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import no.examhub.platform.kafka.KafkaSettings;

/**
 * The broker ceiling: the loop of Kafka's {@code ProducerPerformance} (kafka-tools), reimplemented
 * with a plain KafkaProducer so the bench needs no extra dependency: 400-byte records, acks=all,
 * idempotent, linger 5 ms, as fast as the producer takes them, for a fixed time.
 */
final class BrokerCeiling {
  private BrokerCeiling() {}

  static double recordsPerSecond(String bootstrap, Duration duration) throws Exception {
    String topic = "bench.producer-perf";
    try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
      admin.createTopics(java.util.List.of(new NewTopic(topic, 6, (short) 1))).all().get();
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    byte[] value = new byte[400];
    AtomicLong acked = new AtomicLong();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      // A new topic's leaders take a moment to be known; the clock starts once every partition took a record.
      for (int partition = 0; partition < 6; partition++) {
        producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
      }
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      while (System.nanoTime() < end) {
        producer.send(new ProducerRecord<>(topic, value), (m, e) -> {
          if (e == null) {
            acked.incrementAndGet();
          }
        });
      }
      producer.flush();
      return acked.get() / ((System.nanoTime() - start) / 1e9);
    }
  }
}
