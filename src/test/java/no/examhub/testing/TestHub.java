package no.examhub.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import no.examhub.Examhub;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.DemoData;

/**
 * A whole Examhub on the shared test broker and an in-memory store, on free ports, with the demo
 * institution seeded. Each hub has its own Streams application id and state directory.
 */
public final class TestHub implements AutoCloseable {
  private final EmbeddedMongo mongo;
  private final Examhub hub;
  private final Path dataDir;

  private TestHub(EmbeddedMongo mongo, Examhub hub, Path dataDir) {
    this.mongo = mongo;
    this.hub = hub;
    this.dataDir = dataDir;
  }

  public static TestHub start() {
    return start(TestKafka.bootstrapServers(), Map.of());
  }

  public static TestHub start(String bootstrapServers, Map<String, String> overrides) {
    EmbeddedMongo mongo = EmbeddedMongo.inMemory();
    try {
      Path dataDir = Files.createTempDirectory("examhub-test");
      Map<String, String> env = new HashMap<>();
      env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
      env.put("MONGODB_URI", mongo.uri());
      env.put("EXAMHUB_DATA_DIR", dataDir.toString());
      env.put("EXAMHUB_HTTP_PORT", "0");
      env.put("EXAMHUB_SIMULATORS", "true");
      // The shared test broker and the in-memory store are external to the hub, and throwaway.
      env.put("EXAMHUB_SIMULATORS_FORCE", "true");
      env.put("EXAMHUB_SIMULATOR_PORT", "0");
      env.put("EXAMHUB_APPLICATION_ID", "examhub-test-" + UUID.randomUUID());
      env.put("EXAMHUB_STREAM_THREADS", "1");
      env.put("EXAMHUB_TOPIC_PARTITIONS", "3");
      env.putAll(overrides);
      return new TestHub(mongo, Examhub.start(ExamhubConfig.from(env)), dataDir);
    } catch (IOException | RuntimeException e) {
      mongo.close();
      throw new IllegalStateException("cannot start a test hub", e);
    }
  }

  public Examhub hub() {
    return hub;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + hub.httpPort();
  }

  /** The hub's own in-memory store, e.g. to add an API client a test needs. */
  public String mongoUri() {
    return mongo.uri();
  }

  public String insperaSecret() {
    return demo().insperaSecret();
  }

  /** The demo institution's clear credentials (institution {@code demo}). */
  public DemoData.Credentials demo() {
    return hub.demoCredentials().orElseThrow();
  }

  public void awaitStreamsRunning() {
    Eventually.holds(java.time.Duration.ofSeconds(60), hub::streamsRunning);
  }

  @Override
  public void close() {
    hub.close();
    mongo.close();
  }
}
