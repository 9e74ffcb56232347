package no.examhub.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import java.util.concurrent.TimeUnit;
import no.examhub.testing.TestKafka;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class DurableProducerTest {
  private static final Topic<String, String> TOPIC =
      new Topic<>("durable-producer-test", Serdes.String(), Serdes.String(), Map.of());

  @Test
  void whatIsChainedOntoAnAcknowledgementDoesNotRunOnTheProducersNetworkThread() throws Exception {
    try (Admin admin = Admin.create(KafkaSettings.admin(TestKafka.bootstrapServers()))) {
      new TopicCreator(admin, 1, (short) 1).ensure(List.of(TOPIC));
    }
    try (DurableProducer producer = new DurableProducer(TestKafka.bootstrapServers(), "durable-test", 5_000,
        new SimpleMeterRegistry())) {
      String thread = producer.send(TOPIC, "k", "v")
          .thenApply(metadata -> Thread.currentThread().getName())
          .get(30, TimeUnit.SECONDS);

      assertThat(thread).startsWith("durable-test-ack-").doesNotContain("kafka-producer-network-thread");
    }
  }
}
