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
 * A KRaft broker (the official {@code kafka.Kafka}) in a child JVM, combined broker and
 * controller: alone, for the embedded default, or as one node of an {@link EmbeddedKafkaCluster}.
 * Storage is formatted once and kept under the data directory across restarts. The internal
 * topics have the node's replication factor (1 alone, so that exactly_once_v2 works) and a min
 * ISR of 2 from three replicas, else 1, as Examhub's own topics.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  /** One node of a KRaft quorum on loopback: its id, client port and controller port. */
  public record Node(int id, int port, int controllerPort) {
    String voter() {
      return id + "@127.0.0.1:" + controllerPort;
    }
  }

  private final Path dir;
  private final Node node;
  private final List<Node> voters;
  private final int replication;
  private final String clusterId;
  private final String heap;
  private Process process;

  /** The single-node broker of the embedded default. */
  public EmbeddedKafka(Path dir, int port, int controllerPort) {
    this(dir, new Node(1, port, controllerPort), List.of(new Node(1, port, controllerPort)), 1, null, "-Xmx512m");
  }

  /**
   * One node of a quorum of {@code voters}, formatted with {@code clusterId} (one id for every
   * node; null: a new one, for a single node).
   */
  EmbeddedKafka(Path dir, Node node, List<Node> voters, int replication, String clusterId, String heap) {
    this.dir = dir.toAbsolutePath();
    this.node = node;
    this.voters = List.copyOf(voters);
    this.replication = replication;
    this.clusterId = clusterId;
    this.heap = heap;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + node.port();
  }

  public Node node() {
    return node;
  }

  /** Launches the broker (again, after a stop or kill) and returns once it is registered in its cluster. */
  public EmbeddedKafka start() {
    launch();
    awaitReady();
    LOG.info("embedded Kafka broker {} ready on {}", node.id(), bootstrapServers());
    return this;
  }

  /**
   * Launches the child without waiting: a node of a quorum cannot be ready before a majority of
   * the voters runs, so a cluster launches every node first.
   */
  void launch() {
    try {
      Files.createDirectories(dir);
      Path config = writeServerProperties();
      if (!Files.exists(logDir().resolve("meta.properties"))) {
        format(config);
      }
      process = java(List.of(heap, "-Xms128m"), BrokerMain.class.getName(), config.toString())
          .redirectOutput(dir.resolve("broker.log").toFile())
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      close();
      throw new IllegalStateException("cannot start the embedded broker: " + e.getMessage(), e);
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  private Path logDir() {
    return dir.resolve("logs");
  }

  private Path writeServerProperties() throws IOException {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(node.id()));
    p.put("controller.quorum.voters", String.join(",", voters.stream().map(Node::voter).toList()));
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.port());
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.put("log.dirs", logDir().toString());
    p.put("auto.create.topics.enable", "false");
    // The broker-wide default holds for the offsets topic, which has no min ISR of its own.
    String minIsr = Integer.toString(replication >= 3 ? 2 : 1);
    String factor = Integer.toString(replication);
    p.put("min.insync.replicas", minIsr);
    p.put("default.replication.factor", factor);
    p.put("offsets.topic.replication.factor", factor);
    p.put("offsets.topic.num.partitions", "6");
    p.put("transaction.state.log.replication.factor", factor);
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("transaction.state.log.num.partitions", "6");
    p.put("share.coordinator.state.topic.replication.factor", factor);
    p.put("share.coordinator.state.topic.min.isr", minIsr);
    p.put("group.initial.rebalance.delay.ms", "0");
    // A killed Streams member's open transaction blocks read_committed readers of every partition
    // it wrote until the broker aborts it: at transaction.timeout.ms, but found only at this sweep
    // (default 10 s), which stretched a failover to about 20 s (docs/operations.md).
    p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
    Path file = dir.resolve("server.properties");
    try (Writer w = Files.newBufferedWriter(file)) {
      p.store(w, "Written by Examhub's embedded default at every start");
    }
    return file;
  }

  private void format(Path config) throws IOException {
    String clusterId = this.clusterId != null ? this.clusterId : Uuid.randomUuid().toString();
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

  /** Waits until the broker, asked itself, lists itself among the cluster's live brokers. */
  void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(KafkaSettings.admin(bootstrapServers()))) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the embedded broker exited with " + process.exitValue()
              + "; see " + dir.resolve("broker.log"));
        }
        try {
          if (admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).stream().anyMatch(n -> n.id() == node.id())) {
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

  /**
   * SIGKILL: no controlled shutdown, no flush; the cluster finds out when the node's heartbeats
   * stop. Returns the exit value (137 when the signal ended it).
   */
  public int kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("broker " + node.id() + " did not die within 30 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return process.exitValue();
  }
}
