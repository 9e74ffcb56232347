package no.examhub.dispatch;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import no.examhub.event.FailedCommand;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.testing.TestKafka;

/**
 * One partner's dispatch on the shared test broker with a store of its own: three quick attempts
 * (50 ms doubling to 200 ms), its producer for sending commands, and the dead letters it alerted.
 */
final class DispatchRig implements AutoCloseable {
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final MongoClient client = MongoClients.create(mongo.uri());
  private final List<FailedCommand> alerts = new CopyOnWriteArrayList<>();
  private final DurableProducer producer;
  private final Dispatch dispatch;

  DispatchRig(PartnerHandler partner, String group, MeterRegistry registry) {
    producer = new DurableProducer(TestKafka.bootstrapServers(), group + "-producer", 5000, registry);
    dispatch = new Dispatch(List.of(partner), TestKafka.bootstrapServers(), group, producer, database(), "test",
        p -> new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)), alerts::add, registry,
        Clock.systemUTC(), Duration.ofSeconds(15)).start();
  }

  DurableProducer producer() {
    return producer;
  }

  MongoDatabase database() {
    return client.getDatabase("examhub");
  }

  List<FailedCommand> alerts() {
    return alerts;
  }

  @Override
  public void close() {
    dispatch.close();
    producer.close();
    client.close();
    mongo.close();
  }
}
