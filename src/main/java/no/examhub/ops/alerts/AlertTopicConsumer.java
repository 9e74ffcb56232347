package no.examhub.ops.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import no.examhub.event.Alert;
import no.examhub.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code examhub.alerts} in a consumer group of its own and hands each alert to the
 * aggregator. Alerts are advice, not business data: offsets are auto-committed, and an unreadable
 * record is skipped with a warning.
 */
final class AlertTopicConsumer implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertTopicConsumer.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Consumer<Alert> sink;
  private final Thread thread = new Thread(this, "alerts-consumer");
  private volatile boolean running = true;

  AlertTopicConsumer(String bootstrapServers, String groupId, Consumer<Alert> sink) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.sink = sink;
    thread.setDaemon(true);
  }

  AlertTopicConsumer start() {
    thread.start();
    return this;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(Topics.ALERTS.name()));
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          handle(r);
        }
      }
    } catch (WakeupException stopping) {
      // close() woke the consumer up.
    } catch (RuntimeException e) {
      LOG.error("alert consumer stopped", e);
    } finally {
      consumer.close();
    }
  }

  private void handle(ConsumerRecord<String, byte[]> r) {
    Alert alert;
    try {
      alert = Topics.ALERTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (RuntimeException unreadable) {
      LOG.warn("skipping an unreadable alert at {}-{}@{}", r.topic(), r.partition(), r.offset());
      return;
    }
    if (alert != null && alert.kind() != null) {
      sink.accept(alert);
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
