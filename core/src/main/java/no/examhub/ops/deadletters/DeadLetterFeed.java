package no.examhub.ops.deadletters;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import no.examhub.event.FailedCommand;
import no.examhub.event.Topics;
import no.examhub.platform.process.SupervisedLoop;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the loop {@code dead-letter-index} that feeds the {@link DeadLetterIndex}: a consumer
 * assigned to every partition of {@code examhub.commands.dead-letters} (read_committed, no group,
 * nothing committed; every instance reads every partition), from where the index has read so far
 * (the beginning at the first run), so a restarted run loses nothing and reads nothing twice. It
 * marks the index loaded once it has read to the end offsets it found at its first start, and
 * then follows the topic. Every {@link #HOUSEKEEPING} it asks for the log start offsets (what
 * retention deleted leaves the index) and for new partitions. Anything that goes wrong ends the
 * run; the {@link SupervisedLoop} starts a new one.
 */
final class DeadLetterFeed implements SupervisedLoop.Body {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterFeed.class);
  private static final Duration POLL = Duration.ofMillis(200);
  static final Duration HOUSEKEEPING = Duration.ofMinutes(1);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final DeadLetterIndex index;
  private final Counter unreadable;
  private final Duration housekeeping;
  private volatile boolean running = true;

  /**
   * @param consumer given, so a test can keep hold of it to make the run die underneath
   * @param topic {@code examhub.commands.dead-letters}; a test's own topic in tests
   * @param housekeeping how often retention's deletions and new partitions are looked for ({@link #HOUSEKEEPING})
   */
  DeadLetterFeed(Consumer<String, byte[]> consumer, String topic, DeadLetterIndex index, Counter unreadable,
      Duration housekeeping) {
    this.consumer = consumer;
    this.topic = topic;
    this.index = index;
    this.unreadable = unreadable;
    this.housekeeping = housekeeping;
  }

  static Consumer<String, byte[]> consumer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "examhub-dead-letter-index-" + UUID.randomUUID());
    // Dispatch writes dead letters transactionally with its outcomes: only committed ones count.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // A position the broker has deleted meanwhile (retention while the run was down): from the oldest kept.
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void run() {
    try {
      List<TopicPartition> partitions = assign();
      Map<TopicPartition, Long> loadEnd = index.loaded() ? Map.of() : consumer.endOffsets(partitions);
      long nextHousekeeping = 0;
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
          read(r);
        }
        Map<Integer, Long> next = new HashMap<>();
        consumer.assignment().forEach(tp -> next.put(tp.partition(), consumer.position(tp)));
        index.advanced(next);
        if (!index.loaded() && loadEnd.entrySet().stream().allMatch(e -> next.getOrDefault(e.getKey().partition(), 0L) >= e.getValue())) {
          index.markLoaded();
          LOG.info("dead-letter index loaded: {} dead letters", index.held());
        }
        if (System.nanoTime() - nextHousekeeping >= 0) {
          housekeeping();
          nextHousekeeping = System.nanoTime() + housekeeping.toNanos();
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

  /** Every partition, each from where the index has read it to, or from the beginning. */
  private List<TopicPartition> assign() {
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    Map<Integer, Long> read = index.positions();
    for (TopicPartition tp : partitions) {
      if (read.containsKey(tp.partition())) {
        consumer.seek(tp, read.get(tp.partition()));
      } else {
        consumer.seekToBeginning(List.of(tp));
      }
    }
    return partitions;
  }

  /** Retention's deletions leave the index; a partition added to the topic is read from its beginning. */
  private void housekeeping() {
    Map<Integer, Long> logStart = new HashMap<>();
    consumer.beginningOffsets(consumer.assignment()).forEach((tp, offset) -> logStart.put(tp.partition(), offset));
    index.forgetBefore(logStart);
    int known = consumer.assignment().size();
    if (consumer.partitionsFor(topic).size() != known) {
      assign();
    }
  }

  private void read(ConsumerRecord<String, byte[]> r) {
    FailedCommand f;
    try {
      f = Topics.COMMAND_DEAD_LETTERS.valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (RuntimeException e) {
      f = null;
    }
    if (f == null || f.command() == null || f.command().institution() == null) {
      unreadable.increment();
      LOG.warn("skipping an unreadable dead letter at {}-{}@{}", r.topic(), r.partition(), r.offset());
      return;
    }
    String id = new DeadLetterId(r.topic(), r.partition(), r.offset()).toString();
    index.add(r.partition(), r.offset(), new StoredDeadLetter(id, r.key(), f));
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
