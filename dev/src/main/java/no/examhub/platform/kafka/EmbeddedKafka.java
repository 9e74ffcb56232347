package no.examhub.platform.kafka;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import no.examhub.platform.process.ChildProcesses;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker (the official {@code kafka.Kafka}) in a child JVM, for the embedded
 * default. Storage is formatted once and kept under the data directory across restarts. The
 * internal topics have replication factor 1 and min ISR 1 so that exactly_once_v2 works.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private Process process;

  public EmbeddedKafka(Path dir, int port, int controllerPort) {
    this.dir = dir.toAbsolutePath();
    this.port = port;
    this.controllerPort = controllerPort;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public EmbeddedKafka start() {
    try {
      Files.createDirectories(dir);
      Path config = writeServerProperties();
      if (!Files.exists(logDir().resolve("meta.properties"))) {
        format(config);
      }
      process = java(List.of("-Xmx512m", "-Xms128m"), BrokerMain.class.getName(), config.toString())
          .redirectOutput(dir.resolve("broker.log").toFile())
          .redirectErrorStream(true)
          .start();
      awaitReady();
      LOG.info("embedded Kafka broker ready on {}", bootstrapServers());
      return this;
    } catch (IOException e) {
      close();
      throw new IllegalStateException("cannot start the embedded broker: " + e.getMessage(), e);
    }
  }

  private Path logDir() {
    return dir.resolve("logs");
  }

  private Path writeServerProperties() throws IOException {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", logDir().toString());
    p.put("auto.create.topics.enable", "false");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "6");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "6");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    Path file = dir.resolve("server.properties");
    try (Writer w = Files.newBufferedWriter(file)) {
      p.store(w, "Written by Examhub's embedded default at every start");
    }
    return file;
  }

  private void format(Path config) throws IOException {
    String clusterId = Uuid.randomUuid().toString();
    Process formatter = java(List.of("-Xmx256m"), "kafka.tools.StorageTool",
        "format", "-t", clusterId, "-c", config.toString())
        .redirectOutput(dir.resolve("format.log").toFile())
        .redirectErrorStream(true)
        .start();
    try {
      if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
        throw new IOException("formatting the broker's storage failed, see " + dir.resolve("format.log"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while formatting", e);
    }
  }

  /** The child runs on this JVM's own java and classpath, which hold the kafka_2.13 artifact. */
  private static ProcessBuilder java(List<String> jvmArgs, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    // In a session of its own, Ctrl-C in a terminal (SIGINT to the whole foreground group) does not
    // reach the broker: it is stopped only after Streams and the clients have closed and left their
    // groups, so the next start does not wait out their session timeouts. It still exits when
    // Examhub dies (BrokerMain watches its stdin).
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(KafkaSettings.admin(bootstrapServers()))) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the embedded broker exited with " + process.exitValue()
              + "; see " + dir.resolve("broker.log"));
        }
        try {
          if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception notYet) {
          sleep(200);
        }
      }
    }
    throw new IllegalStateException("the embedded broker was not ready within " + READY_TIMEOUT
        + "; see " + dir.resolve("broker.log"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** SIGTERM lets the broker shut down cleanly (about half a second); SIGKILL after 20 s. */
  @Override
  public void close() {
    ChildProcesses.stop(process, Duration.ofSeconds(20));
  }
}
