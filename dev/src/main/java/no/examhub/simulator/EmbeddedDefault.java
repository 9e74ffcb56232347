package no.examhub.simulator;

import com.mongodb.client.MongoDatabase;
import java.util.Optional;
import no.examhub.Surroundings;
import no.examhub.partner.metrica.WebhookSubscribers;
import no.examhub.partner.proctoring.AccessCodeKey;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.kafka.EmbeddedKafka;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.slack.SlackSimulator;
import no.examhub.simulator.testplayer.TestPlayerSimulator;
import no.examhub.platform.process.Started;

/**
 * The embedded default around Examhub: a broker and a store under the data directory when none is
 * configured, and the partner simulators with the demo institutions, their credentials written to
 * {@code data/demo-credentials.json} once Examhub serves. Examhub closes it after itself.
 */
public final class EmbeddedDefault implements Surroundings {

  private final Started started = new Started();
  private SimulatorServer simulators;
  private DemoData.Credentials demo;
  private String base;
  private java.nio.file.Path credentials;
  private String storeUri;

  @Override
  public String broker(ExamhubConfig config) {
    EmbeddedKafka kafka = remember(new EmbeddedKafka(config.dataDir().resolve("kafka"),
        config.embeddedKafkaPort(), config.embeddedKafkaControllerPort()));
    kafka.start();
    return kafka.bootstrapServers();
  }

  @Override
  public String store(ExamhubConfig config) {
    storeUri = remember(EmbeddedMongo.onDisk(config.dataDir().resolve("mongo"))).uri();
    return storeUri;
  }

  /** The embedded store's URI when it runs, e.g. for a second instance of the same deployment. */
  public Optional<String> storeUri() {
    return Optional.ofNullable(storeUri);
  }

  @Override
  public Optional<String> partners(ExamhubConfig config, MongoDatabase database) {
    demo = DemoData.seed(database);
    if (config.embeddedKafka()) {
      DemoData.seedWiseflowDemo(database);
    }
    simulators = remember(SimulatorServer.start(config.httpHost(), config.simulatorPort()));
    base = "http://" + config.localHost() + ":" + simulators.port();
    try (WebhookSubscribers subscribers = new WebhookSubscribers(database, config.configRefresh())) {
      TestPlayerSimulator.seedSubscribers(subscribers, base);
    }
    return Optional.of(base);
  }

  @Override
  public Optional<String> slack() {
    return Optional.ofNullable(base).map(b -> b + SlackSimulator.WEBHOOK_PATH);
  }

  @Override
  public void serving(ExamhubConfig config, String baseUrl, DurableProducer producer) {
    if (demo != null) {
      credentials = DemoData.writeCredentials(config.dataDir(), demo, baseUrl);
      DemoData.writeRoster(producer, config.ackTimeout(), AccessCodeKey.of(config));
    }
  }

  /** The simulators, when they run. */
  public Optional<SimulatorServer> simulators() {
    return Optional.ofNullable(simulators);
  }

  /** Where the simulators are reached ({@code http://host:port}), when they run. */
  public Optional<String> simulatorsUrl() {
    return Optional.ofNullable(base);
  }

  /** Where the demo's credentials were written, once Examhub serves. */
  public Optional<java.nio.file.Path> credentialsFile() {
    return Optional.ofNullable(credentials);
  }

  /** The demo's clear credentials, when the simulators run. */
  public Optional<DemoData.Credentials> demoCredentials() {
    return Optional.ofNullable(demo);
  }

  private <T extends AutoCloseable> T remember(T closeable) {
    return started.remember(closeable);
  }

  @Override
  public void close() {
    started.close();
  }
}
