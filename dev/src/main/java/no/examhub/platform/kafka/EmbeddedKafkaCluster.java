package no.examhub.platform.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of {@link EmbeddedKafka} nodes in child JVMs on loopback, each a combined broker
 * and controller: with three, the quorum and every partition (replication factor 3, min ISR 2)
 * survive the loss of any one node. A node can be stopped (SIGTERM: controlled shutdown, its
 * leaderships handed over first) or killed (SIGKILL: the controller fences it once its heartbeats
 * stop), and started again on its own storage. For the cluster fault tests.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
  /** Small, as three brokers share the test machine with Examhub's instances. */
  private static final String HEAP = "-Xmx384m";

  private final List<EmbeddedKafka> nodes;

  private EmbeddedKafkaCluster(List<EmbeddedKafka> nodes) {
    this.nodes = nodes;
  }

  /** Formats and launches {@code size} nodes under {@code dir} and returns once every one is registered. */
  public static EmbeddedKafkaCluster start(Path dir, int size) {
    List<EmbeddedKafka.Node> voters = new ArrayList<>();
    for (int id = 1; id <= size; id++) {
      voters.add(new EmbeddedKafka.Node(id, freePort(), freePort()));
    }
    String clusterId = Uuid.randomUuid().toString();
    List<EmbeddedKafka> nodes = voters.stream()
        .map(n -> new EmbeddedKafka(dir.resolve("node-" + n.id()), n, voters, Math.min(size, 3), clusterId, HEAP))
        .toList();
    EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(nodes);
    try {
      // No node is ready before a majority of the voters runs: launch all, then wait for each.
      nodes.forEach(EmbeddedKafka::launch);
      nodes.forEach(EmbeddedKafka::awaitReady);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Every node's client port, so a client still finds the cluster with any one node down. */
  public String bootstrapServers() {
    return nodes.stream().map(EmbeddedKafka::bootstrapServers).collect(Collectors.joining(","));
  }

  /** The node with this id (1 to size). */
  public EmbeddedKafka node(int id) {
    return nodes.get(id - 1);
  }

  /** Starts again, on its own storage, every node that a fault test stopped or killed. */
  public void startStoppedNodes() {
    nodes.stream().filter(n -> !n.isAlive()).forEach(EmbeddedKafka::start);
  }

  /** The partitions each live node leads, of every topic (internal ones too), by node id. */
  public Map<Integer, Integer> leaderships() {
    Map<Integer, Integer> led = new HashMap<>();
    nodes.forEach(n -> led.put(n.node().id(), 0));
    describeAll().forEach(t -> t.partitions().stream().filter(p -> p.leader() != null)
        .forEach(p -> led.merge(p.leader().id(), 1, Integer::sum)));
    return led;
  }

  /** The live node that leads the most partitions: the one whose loss moves most leadership. */
  public int busiestLeader() {
    return leaderships().entrySet().stream().filter(e -> node(e.getKey()).isAlive())
        .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /**
   * Waits until every partition of every topic has a leader and all its replicas in sync, e.g.
   * after a node came back, before the next fault is allowed to take another one.
   */
  public void awaitFullyReplicated(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    String lagging = "";
    while (System.nanoTime() < deadline) {
      try {
        lagging = describeAll().stream().flatMap(t -> t.partitions().stream()
                .filter(p -> p.leader() == null || p.isr().size() < p.replicas().size())
                .map(p -> t.name() + "-" + p.partition()))
            .limit(5).collect(Collectors.joining(", "));
        if (lagging.isEmpty()) {
          return;
        }
      } catch (IllegalStateException notYet) {
        lagging = notYet.getMessage();
      }
      sleep(250);
    }
    throw new IllegalStateException("partitions not fully replicated within " + within + ": " + lagging);
  }

  private Collection<TopicDescription> describeAll() {
    try (Admin admin = Admin.create(KafkaSettings.admin(bootstrapServers()))) {
      Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS);
      return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe the cluster's topics: " + e.getMessage(), e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Stops every node that still runs, all at once: one by one, the last would wait out its
   * controlled shutdown with no quorum left to grant it.
   */
  @Override
  public void close() {
    List<Thread> stopping = nodes.stream().map(n -> new Thread(n::close, "stop-broker-" + n.node().id())).toList();
    stopping.forEach(Thread::start);
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
