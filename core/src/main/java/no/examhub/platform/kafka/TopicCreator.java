package no.examhub.platform.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics Examhub needs; topics that exist already are left as they are. */
public final class TopicCreator {
  private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

  private final Admin admin;
  private final int partitions;
  private final short replication;

  public TopicCreator(Admin admin, int partitions, short replication) {
    this.admin = admin;
    this.partitions = partitions;
    this.replication = replication;
  }

  public void ensure(Collection<Topic<?, ?>> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = topics.stream()
          .filter(t -> !existing.contains(t.name()))
          .map(t -> new NewTopic(t.name(), partitions, replication).configs(configs(t)))
          .toList();
      if (missing.isEmpty()) {
        return;
      }
      createAll(missing);
      LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics: " + e.getMessage(), e);
    }
  }

  /**
   * The topic's own settings, plus a min ISR of 2 from three replicas (as Streams' internal topics,
   * StreamsSettings): an acks=all write is then on two brokers before it is acknowledged, whatever
   * the brokers' default, so the loss of one loses nothing acknowledged.
   */
  private Map<String, String> configs(Topic<?, ?> topic) {
    Map<String, String> configs = new HashMap<>(topic.configs());
    if (replication >= 3) {
      configs.putIfAbsent(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
    }
    return configs;
  }

  /** Another instance may create the same topic at the same moment: that is success too. */
  private void createAll(List<NewTopic> missing) throws InterruptedException, TimeoutException, ExecutionException {
    for (var entry : admin.createTopics(missing).values().entrySet()) {
      try {
        entry.getValue().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }
}
