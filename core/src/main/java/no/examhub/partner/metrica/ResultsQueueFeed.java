package no.examhub.partner.metrica;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.platform.process.SupervisedLoop;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the feed that fills the {@link ResultsQueue} from Kafka, supervised by a
 * {@link SupervisedLoop} (a run that dies is replaced by a new one, with a new consumer). A run
 * empties the queue, reads every acknowledgement and then the raw Metrica topic to its end, marks
 * the queue loaded, and then follows both topics. It runs on its own thread: HTTP starts at once,
 * and the queue answers 503 until it is loaded. While the queue is at its bound the raw topic is
 * paused, so it holds no more than its bound; a load that reaches the bound counts as loaded. No
 * consumer group: every instance reads every partition (see {@link MetricaRoutes}).
 */
final class ResultsQueueFeed implements SupervisedLoop.Body {
  private static final Logger LOG = LoggerFactory.getLogger(ResultsQueueFeed.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<byte[], byte[]> consumer;
  private final ResultsQueue queue;
  private volatile boolean running = true;

  ResultsQueueFeed(String bootstrapServers, ResultsQueue queue) {
    this(consumer(bootstrapServers), queue);
  }

  /** With the consumer given: a test keeps hold of it to make the run die underneath. */
  ResultsQueueFeed(Consumer<byte[], byte[]> consumer, ResultsQueue queue) {
    this.consumer = consumer;
    this.queue = queue;
  }

  static Consumer<byte[], byte[]> consumer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "examhub-metrica-queue-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void run() {
    try {
      queue.reset();
      List<TopicPartition> acks = partitions(Topics.METRICA_QUEUE_ACKS.name());
      List<TopicPartition> raw = partitions(Topics.RAW_METRICA.name());
      consumer.assign(acks);
      consumer.seekToBeginning(acks);
      drainAcks(consumer.endOffsets(acks));
      List<TopicPartition> all = new ArrayList<>(acks);
      all.addAll(raw);
      Map<TopicPartition, Long> ackPositions = new java.util.HashMap<>();
      acks.forEach(tp -> ackPositions.put(tp, consumer.position(tp)));
      consumer.assign(all);
      ackPositions.forEach(consumer::seek);
      consumer.seekToBeginning(raw);
      Map<TopicPartition, Long> rawEnd = consumer.endOffsets(raw);
      while (running) {
        pauseAtBound(raw);
        consumer.poll(POLL).forEach(this::apply);
        if (!queue.loaded() && (queue.full() || reached(rawEnd))) {
          queue.markLoaded();
          LOG.info("Metrica results queue loaded: {} unacknowledged events", queue.size());
        }
      }
    } catch (WakeupException stopping) {
      if (running) {
        throw stopping;
      }
    } finally {
      // On the loop's own thread: a consumer is closed by the thread that uses it.
      consumer.close();
    }
  }

  private void drainAcks(Map<TopicPartition, Long> end) {
    while (running && !reached(end)) {
      consumer.poll(POLL).forEach(this::apply);
    }
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private void pauseAtBound(List<TopicPartition> raw) {
    if (queue.full()) {
      consumer.pause(raw);
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(raw);
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
      queue.offer(id, key, raw.receivedAt());
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

  /** Called from another thread: wakes the poll up; the run then returns and closes the consumer. */
  @Override
  public void close() {
    if (running) {
      running = false;
      consumer.wakeup();
    }
  }
}
