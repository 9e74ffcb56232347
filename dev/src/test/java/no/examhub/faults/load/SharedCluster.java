package no.examhub.faults.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import no.examhub.platform.kafka.EmbeddedKafkaCluster;
import no.examhub.platform.kafka.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One three-broker cluster for every cluster test of a test JVM (starting one costs a minute or
 * more on a loaded machine), closed when the JVM's tests are done. Each test gets it as it would a
 * new one: before it, a node a previous test stopped or killed is started again, every replica is
 * in sync, and Examhub's topics and consumer groups are deleted, so nothing a previous test wrote
 * is counted again. Each test still runs its own application id (its own Streams groups and
 * transactional ids) and its own store.
 */
final class SharedCluster implements ParameterResolver, BeforeEachCallback {
  private static final Duration IN_SYNC_WITHIN = Duration.ofSeconds(120);
  private static final Duration GONE_WITHIN = Duration.ofSeconds(60);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedKafkaCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return cluster(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    EmbeddedKafkaCluster cluster = cluster(context);
    cluster.startStoppedNodes();
    cluster.awaitFullyReplicated(IN_SYNC_WITHIN);
    wipe(cluster.bootstrapServers());
  }

  private static EmbeddedKafkaCluster cluster(ExtensionContext context) {
    // The root store outlives every class and closes what it holds (AutoCloseable) at the very end.
    return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedCluster.class))
        .computeIfAbsent(EmbeddedKafkaCluster.class, k -> EmbeddedKafkaCluster.start(
            Path.of("target", "faults-load", "cluster-" + System.currentTimeMillis(), "kafka"), 3),
            EmbeddedKafkaCluster.class);
  }

  /** Deletes every topic but the brokers' own (offsets, transactions) and every consumer group. */
  private static void wipe(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
      Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      if (!topics.isEmpty()) {
        admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
      }
      // A group whose member a failed test left behind stays until its session times out: no harm,
      // as each test runs an application (and so groups) of its own.
      Set<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10, TimeUnit.SECONDS)
          .stream().map(GroupListing::groupId).collect(Collectors.toSet());
      admin.deleteConsumerGroups(groups).deletedGroups().values().forEach(deleted -> {
        try {
          deleted.get(30, TimeUnit.SECONDS);
        } catch (Exception stillInUse) {
          // See above.
        }
      });
      long deadline = System.nanoTime() + GONE_WITHIN.toNanos();
      while (!admin.listTopics().names().get(10, TimeUnit.SECONDS).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topics still listed " + GONE_WITHIN + " after their deletion");
        }
        Thread.sleep(200);
      }
    }
  }
}
