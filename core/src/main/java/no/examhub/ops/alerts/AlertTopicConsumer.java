package no.examhub.ops.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import no.examhub.event.Alert;
import no.examhub.event.Topics;
import no.examhub.platform.process.SupervisedLoop;
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
 * record is skipped with a warning. One run of the supervised loop {@code alerts-consumer}
 * ({@link Alerts}): anything else that goes wrong ends the run, and the loop builds a new consumer,
 * which goes on from the group's committed offsets. Before, it ended the thread for good with one
 * log line, and no alert reached Slack again.
 */
final class AlertTopicConsumer implements SupervisedLoop.Body {
  private static final Logger LOG = LoggerFactory.getLogger(AlertTopicConsumer.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Consumer<Alert> sink;
  private volatile boolean running = true;

  AlertTopicConsumer(String bootstrapServers, String groupId, Consumer<Alert> sink) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.sink = sink;
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
      if (running) {
        throw stopping; // Not asked to stop: a death, for the loop to restart.
      }
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
  }
}
