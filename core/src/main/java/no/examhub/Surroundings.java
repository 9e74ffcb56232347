package no.examhub;

import com.mongodb.client.MongoDatabase;
import java.util.Optional;
import no.examhub.platform.config.ConfigException;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.kafka.DurableProducer;

/**
 * What runs around Examhub when it is not a production service: the embedded default's broker,
 * store and partner simulators with their demo data. Production has none ({@link #NONE}): its
 * configuration names the broker and the store, and every partner is real. Declared here so that
 * the composition root never imports development code; the development code implements it.
 */
public interface Surroundings extends AutoCloseable {
  /** Production: a broker and a store must be configured, and nothing is simulated. */
  Surroundings NONE = new Surroundings() {
    @Override
    public String broker(ExamhubConfig config) {
      throw new ConfigException(java.util.List.of("KAFKA_BOOTSTRAP_SERVERS is not set (./examhub runs the embedded default)"));
    }

    @Override
    public String store(ExamhubConfig config) {
      throw new ConfigException(java.util.List.of("MONGODB_URI is not set (./examhub runs the embedded default)"));
    }

    @Override
    public Optional<String> partners(ExamhubConfig config, MongoDatabase database) {
      throw new ConfigException(java.util.List.of("EXAMHUB_SIMULATORS: the partner simulators are development code (./examhub)"));
    }
  };

  /** A broker's bootstrap servers, for a configuration that names none. */
  String broker(ExamhubConfig config);

  /** A store's URI, for a configuration that names none. */
  String store(ExamhubConfig config);

  /**
   * Starts stand-ins for the partners, with their data in {@code database}, when the configuration
   * asks for simulators; called before anything is wired.
   *
   * @return their base URL, where every partner endpoint then points
   */
  Optional<String> partners(ExamhubConfig config, MongoDatabase database);

  /** The Slack webhook alerts go to when {@code EXAMHUB_SLACK_WEBHOOK_URL} is unset. */
  default Optional<String> slack() {
    return Optional.empty();
  }

  /** Called once Examhub serves at {@code baseUrl}. */
  default void serving(ExamhubConfig config, String baseUrl, DurableProducer producer) {}

  @Override
  default void close() {}
}
