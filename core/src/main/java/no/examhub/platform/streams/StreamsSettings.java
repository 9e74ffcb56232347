package no.examhub.platform.streams;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.kafka.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams settings with Examhub's safe defaults in one place. */
public final class StreamsSettings {
  private StreamsSettings() {}

  /** What an Examhub instance runs with: the settings below from its configuration. */
  public static Properties of(ExamhubConfig config, String bootstrapServers) {
    Properties p = of(config.applicationId(), bootstrapServers, config.topicReplication(),
        config.dataDir().resolve("streams"), config.streamThreads(), config.advertisedEndpoint());
    p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
    // Static membership: Streams appends each thread's index, so one id serves every thread. A
    // restart within the session timeout takes its tasks back without a rebalance; a shutdown still
    // leaves the group at once (StreamsApp.close).
    p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), config.instanceId());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    // A killed member's tasks move only once the broker has not heard from it for this long.
    p.putAll(KafkaSettings.groupTimeouts(StreamsConfig.mainConsumerPrefix(""), config.sessionTimeout()));
    return p;
  }

  /**
   * As below, plus {@code application.server} from the advertised URL ({@code http://host:port}),
   * so every instance knows which instance holds which store partition (interactive queries).
   */
  public static Properties of(String applicationId, String bootstrapServers, short replication,
      Path stateDir, int threads, Optional<String> advertisedUrl) {
    Properties p = of(applicationId, bootstrapServers, replication, stateDir, threads);
    advertisedUrl.map(URI::create).ifPresent(u -> p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, u.getHost() + ":" + u.getPort()));
    return p;
  }

  public static Properties of(String applicationId, String bootstrapServers, short replication,
      Path stateDir, int threads) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
    // With three replicas a write survives one broker's loss; with one, there is nothing to wait for.
    p.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), replication >= 3 ? "2" : "1");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    return p;
  }
}
