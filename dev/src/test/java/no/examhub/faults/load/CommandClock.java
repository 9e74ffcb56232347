package no.examhub.faults.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import no.examhub.event.Command;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Topics;
import no.examhub.platform.kafka.Topic;
import no.examhub.testing.Wire;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When each command became readable to dispatch, and when its outcome was written: a consumer
 * that reads the command topics and the outcomes read_committed, as dispatch does, from their
 * beginning, and notes the time ({@link System#nanoTime()}) it first saw each record. A command
 * held up in a transaction the killed instance left open is seen only once the broker aborts that
 * transaction, as dispatch sees it.
 */
final class CommandClock implements AutoCloseable {
  /** A command record as seen: on which partition, when. */
  record Seen(TopicPartition partition, long nanos) {}

  private static final List<Topic<String, Command>> COMMAND_TOPICS = List.of(Topics.COMMANDS_INSPERA,
      Topics.COMMANDS_ARCHIVE, Topics.COMMANDS_PROVIEW);

  private final Map<String, Long> commandSeenByKey = new ConcurrentHashMap<>();
  private final Map<String, String> commandIdByKey = new ConcurrentHashMap<>();
  private final Map<String, Long> outcomeSeenByCommand = new ConcurrentHashMap<>();
  private final List<Seen> commands = new CopyOnWriteArrayList<>();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread reader;
  private volatile boolean closed;

  CommandClock(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "crash-command-clock");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(Topics.COMMANDS_INSPERA.name(), Topics.COMMANDS_ARCHIVE.name(),
        Topics.COMMANDS_PROVIEW.name(), Topics.OUTCOMES.name())) {
      consumer.partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    reader = new Thread(this::read, "crash-command-clock");
    reader.setDaemon(true);
  }

  CommandClock start() {
    reader.start();
    return this;
  }

  private void read() {
    while (!closed) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
        long now = System.nanoTime();
        if (r.topic().equals(Topics.OUTCOMES.name())) {
          Outcome o = Topics.OUTCOMES.valueSerde().deserializer().deserialize(r.topic(), r.value());
          outcomeSeenByCommand.putIfAbsent(o.commandId(), now);
        } else {
          commands.add(new Seen(new TopicPartition(r.topic(), r.partition()), now));
          Command c = COMMAND_TOPICS.get(0).valueSerde().deserializer().deserialize(r.topic(), r.value());
          String key = directKey(c);
          if (key != null && commandSeenByKey.putIfAbsent(key, now) == null) {
            commandIdByKey.put(key, c.commandId());
          }
        }
      }
    }
  }

  /** The business key of the commands a webhook causes directly (see {@link CrashLoad#directCommandKeys()}). */
  private static String directKey(Command c) {
    return switch (c.operation()) {
      case Operations.FETCH_TEST_METADATA -> Wire.payload(c).path("testId").asText();
      case Operations.FETCH_SESSION -> Wire.payload(c).path("sessionUuid").asText();
      default -> null;
    };
  }

  OptionalLong commandSeen(String key) {
    Long t = commandSeenByKey.get(key);
    return t == null ? OptionalLong.empty() : OptionalLong.of(t);
  }

  OptionalLong outcomeSeen(String key) {
    String id = commandIdByKey.get(key);
    Long t = id == null ? null : outcomeSeenByCommand.get(id);
    return t == null ? OptionalLong.empty() : OptionalLong.of(t);
  }

  /** When the outcome of this command (by id, which dispatch sends as Idempotency-Key) was seen. */
  OptionalLong outcomeSeenById(String commandId) {
    Long t = outcomeSeenByCommand.get(commandId);
    return t == null ? OptionalLong.empty() : OptionalLong.of(t);
  }

  List<Seen> commands() {
    return List.copyOf(commands);
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    reader.join(5_000);
    consumer.close(Duration.ofSeconds(2));
  }
}
