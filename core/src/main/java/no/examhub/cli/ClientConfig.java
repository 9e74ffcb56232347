package no.examhub.cli;

import no.examhub.platform.config.ExamhubConfig;

/** Where the CLI's tools find Kafka: the configured broker, or the embedded default's. */
final class ClientConfig {
  private ClientConfig() {}

  static String bootstrapServers() {
    ExamhubConfig config = ExamhubConfig.fromEnvironment();
    return config.kafkaBootstrapServers().orElse("127.0.0.1:" + config.embeddedKafkaPort());
  }
}
