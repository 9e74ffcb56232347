package no.examhub.partner.metrica;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the {@link ResultsQueue} from Kafka. At start, before the first request is served, it
 * reads every acknowledgement and then the raw Metrica topic to its end, so an acknowledged
 * message is never handed out again after a restart. Then a thread follows both topics. No
 * consumer group: every instance reads every partition (see {@link MetricaRoutes} on two instances).
 */
final class ResultsQueueFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResultsQueueFeed.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ResultsQueue queue;
  private final Thread thread;
  private volatile boolean running = true;

  ResultsQueueFeed(String bootstrapServers, ResultsQueue queue) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "examhub-metrica-queue-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.queue = queue;
    this.thread = new Thread(this::follow, "metrica-queue-feed");
    this.thread.setDaemon(true);
  }

  /** Blocks until both topics are read to their current end, then follows them in the background. */
  void start() {
    List<TopicPartition> acks = partitions(Topics.METRICA_QUEUE_ACKS.name());
    List<TopicPartition> raw = partitions(Topics.RAW_METRICA.name());
    readToEnd(acks);
    List<TopicPartition> all = new ArrayList<>(acks);
    all.addAll(raw);
    Map<TopicPartition, Long> ackPositions = new HashMap<>();
    acks.forEach(tp -> ackPositions.put(tp, consumer.position(tp)));
    consumer.assign(all);
    ackPositions.forEach(consumer::seek);
    consumer.seekToBeginning(raw);
    drainTo(consumer.endOffsets(raw));
    LOG.info("Metrica results queue loaded: {} unacknowledged events", queue.size());
    thread.start();
  }

  private void readToEnd(List<TopicPartition> partitions) {
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    drainTo(consumer.endOffsets(partitions));
  }

  private void drainTo(Map<TopicPartition, Long> end) {
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      consumer.poll(POLL).forEach(this::apply);
    }
  }

  private void follow() {
    try {
      while (running) {
        consumer.poll(POLL).forEach(this::apply);
      }
    } catch (WakeupException stopping) {
      // close() woke the poll up.
    } catch (RuntimeException e) {
      LOG.error("Metrica results queue stopped following Kafka", e);
    } finally {
      consumer.close();
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    if (r.topic().equals(Topics.METRICA_QUEUE_ACKS.name())) {
      MessageId.parse(key).ifPresent(queue::acknowledged);
      return;
    }
    MessageId id = new MessageId(r.partition(), r.offset());
    RawRequest raw = key.startsWith(MetricaEventRoutes.RESULTS + "/") ? read(r) : null;
    if (raw == null) {
      queue.advance(id);
    } else {
      queue.offer(id, raw.receivedAt(), raw.body());
    }
  }

  /** A record that is not a raw request (written by hand, say) is skipped, not fatal. */
  private static RawRequest read(ConsumerRecord<byte[], byte[]> r) {
    try {
      return r.value() == null ? null : Topics.RAW_METRICA.valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (RuntimeException unreadable) {
      LOG.warn("skipping unreadable record {}-{} on {}", r.partition(), r.offset(), r.topic());
      return null;
    }
  }

  private List<TopicPartition> partitions(String topic) {
    return consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
  }

  @Override
  public void close() {
    running = false;
    if (thread.isAlive()) {
      consumer.wakeup();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close();
    }
  }
}
