package no.examhub.dispatch;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import no.examhub.event.Partner;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.kafka.KafkaSettings;
import no.examhub.platform.process.SupervisedLoop;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Starts {@code workersPerPartner} workers per partner handler, each supervised: a worker that dies
 * is built afresh and restarted, counted, and reported to readiness. Each worker is a consumer
 * group member of its partner's command topics, so the workers of this and every other Examhub
 * instance share the work by partition. A worker carries out one command at a time (the order
 * of a case's commands is its partition's order), so a partner's concurrent calls are the number
 * of its workers in the deployment, up to the partitions of its command topic.
 */
public final class Dispatch implements AutoCloseable {
  static final int MAX_POLL_RECORDS = 20;
  private static final Duration FIRST_RESTART = Duration.ofSeconds(1);
  private static final Duration LONGEST_RESTART = Duration.ofMinutes(1);
  /** Kafka's own default, for the tests that build dispatch without a configuration. */
  private static final Duration KAFKA_SESSION_TIMEOUT = Duration.ofSeconds(45);

  private final List<SupervisedLoop> loops = new ArrayList<>();

  public Dispatch(List<PartnerHandler> handlers, String bootstrapServers, String groupPrefix, DurableProducer producer,
      MongoDatabase database, String environment, Function<Partner, RetryPolicy> retryPolicies,
      DeadLetterListener deadLetters, MeterRegistry registry, Clock clock, Duration longestCall) {
    this(handlers, bootstrapServers, groupPrefix, producer, database, environment, retryPolicies, deadLetters, registry,
        clock, longestCall, KAFKA_SESSION_TIMEOUT, 1);
  }

  /**
   * @param sessionTimeout how long the group waits for a crashed instance's worker before its
   *     command partitions move to another instance's worker
   * @param workersPerPartner consumers (each its own thread) per partner in this instance
   */
  public Dispatch(List<PartnerHandler> handlers, String bootstrapServers, String groupPrefix, DurableProducer producer,
      MongoDatabase database, String environment, Function<Partner, RetryPolicy> retryPolicies,
      DeadLetterListener deadLetters, MeterRegistry registry, Clock clock, Duration longestCall,
      Duration sessionTimeout, int workersPerPartner) {
    if (workersPerPartner < 1) {
      throw new IllegalArgumentException("workersPerPartner must be at least 1");
    }
    Executions executions = new Executions(database);
    AuditLog audit = new AuditLog(database, environment);
    for (PartnerHandler handler : handlers) {
      String group = groupOf(groupPrefix, handler.partner());
      RetryPolicy retry = retryPolicies.apply(handler.partner());
      for (int n = 1; n <= workersPerPartner; n++) {
        // The first worker keeps the names it always had (loop, client id), so one worker per
        // partner reads as before on readiness and in the consumer metrics.
        String suffix = n == 1 ? "" : "-" + n;
        String clientId = group + suffix;
        // Each restart builds a new consumer and worker: a consumer that failed is not trusted again.
        loops.add(new SupervisedLoop("dispatch-" + handler.partner().id() + suffix, () -> {
          KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerSettings(bootstrapServers, group,
              clientId, longestCall, sessionTimeout), new StringDeserializer(), new ByteArrayDeserializer());
          // Lag of the command topics is the dispatch backlog; Streams' consumers are bound elsewhere.
          KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
          metrics.bindTo(registry);
          return new WorkerRun(new CommandWorker(handler, consumer, producer, executions, audit, retry, deadLetters,
              registry, clock), metrics);
        }, FIRST_RESTART, LONGEST_RESTART, registry, clock));
      }
    }
  }

  public Dispatch start() {
    loops.forEach(SupervisedLoop::start);
    return this;
  }

  /** Every partner's worker is running and none keeps dying: a readiness check. */
  public boolean healthy() {
    return loops.stream().allMatch(SupervisedLoop::healthy);
  }

  /** The consumer group of a partner's command workers in the application {@code applicationId}. */
  public static String groupOf(String applicationId, Partner partner) {
    return applicationId + "-dispatch-" + partner.id();
  }

  /** One worker's run with its consumer metrics, which end with it. */
  private record WorkerRun(CommandWorker worker, KafkaClientMetrics metrics) implements SupervisedLoop.Body {
    @Override
    public void run() {
      try {
        worker.run();
      } finally {
        metrics.close();
      }
    }

    @Override
    public void close() {
      worker.close();
    }
  }

  /**
   * A poll batch must be worked off within {@code max.poll.interval.ms}, or the member is thrown out
   * and its commit fails: so the interval is sized to the batch, each command allowed its longest
   * call twice (a call and the re-exchange of a token), never under Kafka's five-minute default.
   */
  static Properties consumerSettings(String bootstrapServers, String groupId, String clientId,
      Duration longestCall, Duration sessionTimeout) {
    Properties p = KafkaSettings.groupTimeouts("", sessionTimeout);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    // A readable client.id names the worker in the consumer metrics (client_id label).
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    // Commands come from an exactly-once topology: never act on an aborted transaction's record.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    long batch = longestCall.multipliedBy(2L * MAX_POLL_RECORDS).toMillis();
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, Math.max(300_000L, batch)));
    return p;
  }

  @Override
  public void close() {
    SupervisedLoop.closeAll(loops);
  }
}
