package no.examhub.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import no.examhub.Examhub;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.EmbeddedDefault;
import no.examhub.simulator.SimulatorServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole Examhub on the shared test broker and an in-memory store, on free ports, with the demo
 * institution seeded. Each hub has its own Streams application id and state directory.
 *
 * <p>A test class that needs one hub for all its tests registers it, and JUnit starts it before
 * the class's {@code @BeforeAll} methods and closes it after its {@code @AfterAll} methods:
 * <pre>{@code
 * @RegisterExtension
 * static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_DISPATCH_MAX_ATTEMPTS", "1")).awaitingStreams();
 * }</pre>
 * A class whose tests only read what they themselves sent (filtered by their own ids), change
 * nothing the next class could see, need no setting of their own and neither stop nor crash
 * anything registers {@link #shared()} instead: one hub for all such classes of a run, which
 * {@link SharedHubFirst} runs one after the other, so no other hub ever runs beside it (two hubs
 * on one broker would both work off every command). {@link #start} is for a test that starts
 * and closes hubs itself, e.g. to restart one.
 *
 * <p>A hub whose application id the test leaves to it starts at the broker's current end
 * ({@link FromNowOn}): it never works off what classes before it wrote, whichever ran before it in
 * its JVM (Surefire runs the dev module's classes in two JVMs).
 */
public final class TestHub implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  private static final AtomicInteger BOOTS = new AtomicInteger();
  private static final TestHub SHARED = new TestHub(Lifetime.SHARED, Map.of(), true, null);
  /** Classes on the shared hub still to run, as counted by {@link SharedHubFirst}; -1 when not counted. */
  private static final AtomicInteger SHARED_CLASSES_LEFT = new AtomicInteger(-1);

  private enum Lifetime { BY_CALLER, PER_CLASS, SHARED }

  private record Running(EmbeddedMongo mongo, MongoClient client, Examhub hub, EmbeddedDefault embedded, Path dataDir) {}

  private final Lifetime lifetime;
  private final Map<String, String> settings;
  private final boolean awaitStreams;
  private final Consumer<MongoDatabase> seed;
  /** Another hub whose store this one uses, e.g. a second instance of the same application. */
  private final TestHub storeOf;
  private volatile Running running;

  private TestHub(Lifetime lifetime, Map<String, String> settings, boolean awaitStreams, Consumer<MongoDatabase> seed) {
    this(lifetime, settings, awaitStreams, seed, null);
  }

  private TestHub(Lifetime lifetime, Map<String, String> settings, boolean awaitStreams, Consumer<MongoDatabase> seed,
      TestHub storeOf) {
    this.lifetime = lifetime;
    this.settings = Map.copyOf(settings);
    this.awaitStreams = awaitStreams;
    this.seed = seed;
    this.storeOf = storeOf;
  }

  public static TestHub start() {
    return start(TestKafka.bootstrapServers(), Map.of());
  }

  /** A hub started now with these settings over the test defaults; the caller closes it. */
  public static TestHub start(String bootstrapServers, Map<String, String> overrides) {
    TestHub hub = new TestHub(Lifetime.BY_CALLER, overrides, false, null);
    hub.running = boot(bootstrapServers, overrides, null);
    return hub;
  }

  /** A hub with the test defaults for one test class, registered with {@code @RegisterExtension}. */
  public static TestHub perClass() {
    return perClass(Map.of());
  }

  /** A hub with these settings over the test defaults for one test class. */
  public static TestHub perClass(Map<String, String> settings) {
    return new TestHub(Lifetime.PER_CLASS, settings, false, null);
  }

  /** This class's hub, which before the class's first test also waits until its streams run. */
  public TestHub awaitingStreams() {
    requirePerClass();
    return new TestHub(lifetime, settings, true, seed);
  }

  /** This class's hub, whose own store ({@code examhub} database) is seeded so before the hub starts. */
  public TestHub seeded(Consumer<MongoDatabase> seed) {
    requirePerClass();
    return new TestHub(lifetime, settings, awaitStreams, seed);
  }

  /**
   * This class's hub on the store of {@code other}, a hub of the same class registered before it
   * (give both an {@code @Order}): two instances of one deployment share their MongoDB.
   */
  public TestHub sharingStoreOf(TestHub other) {
    requirePerClass();
    return new TestHub(lifetime, settings, awaitStreams, seed, other);
  }

  private void requirePerClass() {
    if (lifetime != Lifetime.PER_CLASS) {
      throw new IllegalStateException("only a per-class hub is started by JUnit");
    }
  }

  /** The one hub with the test defaults shared by well-behaved classes (see the class comment); streams running. */
  public static TestHub shared() {
    return SHARED;
  }

  /** Whether the class registers the shared hub in a static field. */
  static boolean usesSharedHub(Class<?> testClass) {
    try {
      for (Field f : testClass.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == TestHub.class) {
          f.setAccessible(true);
          if (f.get(null) == SHARED) {
            return true;
          }
        }
      }
      return false;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // A class whose static set-up fails here fails in its own run, not in the ordering.
      return false;
    }
  }

  static void sharedClassesToRun(int count) {
    SHARED_CLASSES_LEFT.set(count);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    String testClass = context.getRequiredTestClass().getSimpleName();
    if (lifetime == Lifetime.SHARED) {
      synchronized (SHARED) {
        if (running == null) {
          running = boot(TestKafka.bootstrapServers(), settings, null);
          Runtime.getRuntime().addShutdownHook(new Thread(SHARED::stopShared, "shared-test-hub-stop"));
          System.out.println("test hub boot #" + BOOTS.get() + ": the shared hub, first for " + testClass);
        } else {
          System.out.println("test hub: the shared hub again, for " + testClass);
        }
      }
    } else if (lifetime == Lifetime.PER_CLASS) {
      Map<String, String> own = new HashMap<>(settings);
      if (storeOf != null) {
        own.put("MONGODB_URI", storeOf.mongoUri());
      }
      running = boot(TestKafka.bootstrapServers(), own, seed);
      System.out.println("test hub boot #" + BOOTS.get() + ": for " + testClass);
    }
    if (awaitStreams) {
      awaitStreamsRunning();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (lifetime == Lifetime.PER_CLASS) {
      close();
    } else if (lifetime == Lifetime.SHARED && SHARED_CLASSES_LEFT.decrementAndGet() == 0) {
      stopShared();
    }
  }

  private static Running boot(String bootstrapServers, Map<String, String> overrides, Consumer<MongoDatabase> seed) {
    // A hub of its own never runs beside the shared one: both would work off the same commands.
    SHARED.stopShared();
    BOOTS.incrementAndGet();
    EmbeddedMongo mongo = EmbeddedMongo.inMemory();
    try {
      if (seed != null) {
        try (MongoClient client = MongoClients.create(mongo.uri())) {
          seed.accept(client.getDatabase("examhub"));
        }
      }
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
      if (!overrides.containsKey("EXAMHUB_APPLICATION_ID")) {
        // A hub of its own sees what is written from now on, not what earlier classes left.
        // A test that names the application (a restart, a second instance) takes it as it is.
        FromNowOn.commitEndOffsets(bootstrapServers, FromNowOn.groupsOf(env.get("EXAMHUB_APPLICATION_ID")));
      }
      EmbeddedDefault embedded = new EmbeddedDefault();
      Examhub hub = Examhub.start(ExamhubConfig.from(env), embedded);
      return new Running(mongo, MongoClients.create(mongo.uri()), hub, embedded, dataDir);
    } catch (IOException | RuntimeException e) {
      mongo.close();
      throw new IllegalStateException("cannot start a test hub", e);
    }
  }

  private void stopShared() {
    synchronized (SHARED) {
      if (this == SHARED && running != null) {
        stop();
      }
    }
  }

  public Examhub hub() {
    return running().hub();
  }

  /** The partner simulators of this hub. */
  public Optional<SimulatorServer> simulators() {
    return running().embedded().simulators();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + hub().httpPort();
  }

  /** The hub's own in-memory store, e.g. to add an API client a test needs. */
  public String mongoUri() {
    return running().mongo().uri();
  }

  /** The hub's own store ({@code examhub} database), e.g. to read what it wrote; closed with the hub. */
  public MongoDatabase database() {
    return running().client().getDatabase("examhub");
  }

  public String insperaSecret() {
    return demo().insperaSecret();
  }

  /** The demo institution's clear credentials (institution {@code demo}). */
  public DemoData.Credentials demo() {
    return running().embedded().demoCredentials().orElseThrow();
  }

  public void awaitStreamsRunning() {
    Eventually.holds(java.time.Duration.ofSeconds(60), hub()::streamsRunning);
  }

  private Running running() {
    Running r = running;
    if (r == null) {
      throw new IllegalStateException("the test hub is not started: register it with @RegisterExtension");
    }
    return r;
  }

  @Override
  public void close() {
    if (lifetime == Lifetime.SHARED) {
      throw new IllegalStateException("the shared hub is closed by the last class that uses it");
    }
    stop();
  }

  private void stop() {
    Running r = running;
    if (r != null) {
      running = null;
      r.client().close();
      r.hub().close();
      r.mongo().close();
    }
  }
}
