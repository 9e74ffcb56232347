package no.examhub.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import no.examhub.platform.kafka.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A fresh hub's groups start at what is on the broker now: what earlier classes wrote stays behind them. */
class FromNowOnTest {
  private final String topic = "from-now-on-" + UUID.randomUUID();

  @Test
  void aFreshGroupReadsOnlyWhatIsWrittenAfterwards() throws Exception {
    try (Admin admin = Admin.create(KafkaSettings.admin(TestKafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    }
    produce("left-by-an-earlier-class-1", "left-by-an-earlier-class-2", "left-by-an-earlier-class-3");
    String group = "examhub-test-" + UUID.randomUUID();

    FromNowOn.commitEndOffsets(TestKafka.bootstrapServers(), List.of(group));
    produce("written-by-this-test");

    assertThat(readAsMember(group, 1)).containsExactly("written-by-this-test");
  }

  @Test
  void aGroupThatHasCommittedIsNotMoved() throws Exception {
    try (Admin admin = Admin.create(KafkaSettings.admin(TestKafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    produce("one");
    String group = "examhub-test-" + UUID.randomUUID();
    FromNowOn.commitEndOffsets(TestKafka.bootstrapServers(), List.of(group));

    assertThatThrownBy(() -> FromNowOn.commitEndOffsets(TestKafka.bootstrapServers(), List.of(group)))
        .hasMessageContaining("has committed offsets");
  }

  @Test
  void aHubsGroupsAreItsStreamsGroupAndOnePerPartnersCommands() {
    assertThat(FromNowOn.groupsOf("app")).contains("app", "app-dispatch-fs", "app-dispatch-inspera",
        "app-dispatch-wiseflow", "app-dispatch-proview", "app-dispatch-archive", "app-dispatch-metrica");
  }

  private void produce(String... values) throws Exception {
    try (var producer = new KafkaProducer<>(KafkaSettings.durableProducer(TestKafka.bootstrapServers(), "from-now-on", 5000),
        new StringSerializer(), new StringSerializer())) {
      for (String v : values) {
        producer.send(new ProducerRecord<>(topic, v, v)).get();
      }
    }
  }

  private List<String> readAsMember(String group, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> read = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      // Past the expected count a little longer, so a record read from before the commit would show.
      long settle = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(until, settle)) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
        if (read.size() >= expected && settle == Long.MAX_VALUE) {
          settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        }
      }
    }
    return read;
  }
}
