package no.examhub.testing;

import java.util.Collection;
import no.examhub.event.Topics;
import no.examhub.platform.kafka.KafkaSettings;
import no.examhub.platform.kafka.Topic;
import no.examhub.platform.kafka.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real KRaft broker (Kafka's own test kit, in this JVM) shared by every test in the run:
 * starting one takes about two seconds. Tests keep apart by unique keys and application ids.
 * Replication factor and min ISR are 1 for the internal topics so exactly_once_v2 works.
 */
public final class TestKafka {
  private static KafkaClusterTestKit cluster;

  static {
    TestJvm.reportKafkaExits();
  }

  private TestKafka() {}

  public static synchronized String bootstrapServers() {
    if (cluster == null) {
      cluster = start();
      Runtime.getRuntime().addShutdownHook(new Thread(TestKafka::stop, "test-kafka-stop"));
    }
    return cluster.bootstrapServers();
  }

  /** Every Examhub topic on the shared broker (three partitions), created where missing: what a hub would create. */
  public static void withExamhubTopics() {
    withTopics(Topics.all());
  }

  /** These topics on the shared broker (three partitions), created where missing. */
  public static void withTopics(Collection<Topic<?, ?>> topics) {
    try (Admin admin = Admin.create(KafkaSettings.admin(bootstrapServers()))) {
      new TopicCreator(admin, 3, (short) 1).ensure(topics);
    }
  }

  /** A broker of its own, for tests that stop it; the caller closes it. */
  public static KafkaClusterTestKit startPrivate() {
    return start();
  }

  private static KafkaClusterTestKit start() {
    try {
      KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
          .setCombined(true)
          .setNumBrokerNodes(1)
          .setNumControllerNodes(1)
          .build())
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("transaction.state.log.num.partitions", "4")
          .setConfigProp("offsets.topic.num.partitions", "4")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .setConfigProp("auto.create.topics.enable", "false")
          .build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      return kit;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the test broker", e);
    }
  }

  private static synchronized void stop() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } catch (Exception ignored) {
      // The JVM is exiting.
    }
  }
}
