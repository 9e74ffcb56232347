package no.examhub.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import no.examhub.testing.Eventually;
import no.examhub.testing.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The minimal reproduction of a Kafka Streams 4.3.1 defect, and Examhub's workaround. One task holds
 * a key-value store with data and a persistent window store nothing was written to. After a clean
 * close, exactly-once Streams finds no committed offset for the empty window store (RocksDB window
 * stores keep offsets in their segments, and it has none), declares the task corrupted and restores
 * the key-value store from its changelog again. With {@link CheckpointedWindowStores} the offsets
 * survive in a checkpoint file and a clean restart restores nothing. Should a later Kafka Streams
 * fix the defect, the first test fails: then the workaround can go.
 */
class EmptyWindowStoreRestartTest {
  private static final int RECORDS = 200;

  @TempDir
  Path stateDir;

  @Test
  void plainWindowStoreMakesACleanRestartRestoreTheWholeTask() {
    long restored = restoredAfterCleanRestart(Stores.persistentWindowStore("win", Duration.ofHours(1),
        Duration.ofHours(1), false));

    assertThat(restored).as("records restored after a clean restart (Kafka Streams 4.3.1 defect)")
        .isEqualTo(RECORDS);
  }

  @Test
  void checkpointedWindowStoreLetsACleanRestartRestoreNothing() {
    long restored = restoredAfterCleanRestart(CheckpointedWindowStores.persistent("win", Duration.ofHours(1),
        Duration.ofHours(1), false));

    assertThat(restored).as("records restored after a clean restart").isZero();
  }

  private long restoredAfterCleanRestart(WindowBytesStoreSupplier window) {
    String input = "restart-input-" + UUID.randomUUID();
    String applicationId = "restart-test-" + UUID.randomUUID();
    try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(input, 1, (short) 1))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    produce(input);

    try (KafkaStreams first = start(topology(input, window), applicationId, new AtomicLong())) {
      Eventually.holds(Duration.ofSeconds(60), () -> storeSize(first) == RECORDS);
      first.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(30)));
    }
    AtomicLong restored = new AtomicLong();
    try (KafkaStreams second = start(topology(input, window), applicationId, restored)) {
      Eventually.holds(Duration.ofSeconds(60), () -> second.state() == KafkaStreams.State.RUNNING
          && storeSize(second) == RECORDS);
      second.close(Duration.ofSeconds(30));
    }
    return restored.get();
  }

  private static Topology topology(String input, WindowBytesStoreSupplier window) {
    Topology topology = new Topology();
    topology.addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), input);
    topology.addProcessor("remember", () -> new Processor<String, String, Void, Void>() {
      private KeyValueStore<String, String> kv;

      @Override
      public void init(ProcessorContext<Void, Void> context) {
        kv = context.getStateStore("kv");
        context.getStateStore("win");
      }

      @Override
      public void process(Record<String, String> record) {
        kv.put(record.key(), record.value());
      }
    }, "source");
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("kv"), Serdes.String(),
        Serdes.String()), "remember");
    topology.addStateStore(Stores.windowStoreBuilder(window, Serdes.String(), Serdes.Long()), "remember");
    return topology;
  }

  private KafkaStreams start(Topology topology, String applicationId, AtomicLong restored) {
    Properties p = StreamsSettings.of(applicationId, TestKafka.bootstrapServers(), (short) 1, stateDir, 1);
    KafkaStreams streams = new KafkaStreams(topology, p);
    streams.setGlobalStateRestoreListener(new StateRestoreListener() {
      @Override
      public void onRestoreStart(TopicPartition partition, String store, long start, long end) {}

      @Override
      public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long count) {
        restored.addAndGet(count);
      }

      @Override
      public void onRestoreEnd(TopicPartition partition, String store, long total) {}
    });
    streams.start();
    return streams;
  }

  private static long storeSize(KafkaStreams streams) {
    try {
      return streams.store(StoreQueryParameters.fromNameAndType("kv", QueryableStoreTypes.<String, String>keyValueStore()))
          .approximateNumEntries();
    } catch (RuntimeException notYet) {
      return -1;
    }
  }

  private static void produce(String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
      }
      producer.flush();
    }
  }
}
