package no.examhub.platform.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The safe client defaults of Examhub, in one place: durable writes, idempotence. */
public final class KafkaSettings {
  private KafkaSettings() {}

  public static Properties admin(String bootstrapServers) {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    return p;
  }

  /**
   * A producer whose acknowledgement means the record is on every in-sync replica. {@code
   * max.block.ms} is short so a request thread never waits long for metadata when the broker is
   * down: the ingress answers 503 instead.
   */
  public static Properties durableProducer(String bootstrapServers, String clientId, long maxBlockMs) {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
    // No compression: with a 2 ms linger a batch holds one webhook or a few, which LZ4 barely
    // shrinks, and its stream allocates two 64 KiB block buffers per batch: after Javalin's response
    // buffer the largest allocation of the ingress under load (docs/performance.md).
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs);
    return p;
  }

  /**
   * {@code session.timeout.ms} and a heartbeat every tenth of it, under {@code prefix}: the members
   * left learn of a rebalance at their next heartbeat, so a short interval shortens the failover,
   * at the price of one small request a second per member.
   */
  public static Properties groupTimeouts(String prefix, Duration sessionTimeout) {
    Properties p = new Properties();
    p.put(prefix + ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
    p.put(prefix + ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.dividedBy(10).toMillis());
    return p;
  }

  public static Properties merge(Properties base, Map<String, ?> extra) {
    Properties p = new Properties();
    p.putAll(base);
    p.putAll(extra);
    return p;
  }
}
