package no.examhub.dispatch;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import no.examhub.event.Partner;
import no.examhub.platform.kafka.DurableProducer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Starts one worker thread per partner handler. Each worker is a consumer group member of its
 * partner's command topics, so several Examhub instances share the work by partition.
 */
public final class Dispatch implements AutoCloseable {
  private final List<CommandWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<KafkaClientMetrics> consumerMetrics = new ArrayList<>();

  public Dispatch(List<PartnerHandler> handlers, String bootstrapServers, String groupPrefix, DurableProducer producer,
      MongoDatabase database, String environment, Function<Partner, RetryPolicy> retryPolicies,
      DeadLetterListener deadLetters, MeterRegistry registry, Clock clock) {
    Executions executions = new Executions(database);
    AuditLog audit = new AuditLog(database, environment);
    for (PartnerHandler handler : handlers) {
      KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
          consumerSettings(bootstrapServers, groupPrefix + "-dispatch-" + handler.partner().id()),
          new StringDeserializer(), new ByteArrayDeserializer());
      // Lag of the command topics is the dispatch backlog; Streams' consumers are bound elsewhere.
      KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
      metrics.bindTo(registry);
      consumerMetrics.add(metrics);
      workers.add(new CommandWorker(handler, consumer, producer, executions, audit,
          retryPolicies.apply(handler.partner()), deadLetters, registry, clock));
    }
  }

  public Dispatch start() {
    for (CommandWorker w : workers) {
      Thread t = new Thread(w, "dispatch-" + threads.size());
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    return this;
  }

  private static Properties consumerSettings(String bootstrapServers, String groupId) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    // A readable client.id names the worker in the consumer metrics (client_id label).
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
    // Commands come from an exactly-once topology: never act on an aborted transaction's record.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
    return p;
  }

  @Override
  public void close() {
    workers.forEach(CommandWorker::close);
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    consumerMetrics.forEach(KafkaClientMetrics::close);
  }
}
