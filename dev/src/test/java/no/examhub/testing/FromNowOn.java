package no.examhub.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.examhub.dispatch.Dispatch;
import no.examhub.event.Partner;
import no.examhub.platform.kafka.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Makes a hub with a fresh application id start where the shared test broker is now, instead of
 * at the beginning of every topic: before it starts, its Streams group and its dispatch groups get
 * the current end of each topic as their committed position. Without it, a hub started after other
 * test classes works off everything they wrote (their FS appeals for the demo institution, their
 * commands, their erasures), so what a test sees depends on which classes ran before it in its JVM.
 *
 * <p>Global tables (the roster) read their topic from the beginning regardless: they use no group.
 */
final class FromNowOn {
  private FromNowOn() {}

  /** The groups a hub with this application id consumes in: Streams' own and one per partner's commands. */
  static List<String> groupsOf(String applicationId) {
    List<String> groups = new ArrayList<>();
    groups.add(applicationId);
    for (Partner p : Partner.values()) {
      groups.add(Dispatch.groupOf(applicationId, p));
    }
    return groups;
  }

  /** Commits the broker's current end offsets for these groups, which must be new (nothing committed). */
  static void commitEndOffsets(String bootstrapServers, List<String> groups) {
    try (Admin admin = Admin.create(KafkaSettings.admin(bootstrapServers))) {
      Set<String> topics = admin.listTopics().names().get().stream()
          .filter(t -> !t.startsWith("__")).collect(Collectors.toSet());
      if (topics.isEmpty()) {
        return;
      }
      Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
      Map<TopicPartition, OffsetSpec> latest = described.values().stream()
          .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
          .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
      Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get().entrySet().stream()
          .filter(e -> e.getValue().offset() > 0)
          .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
      if (ends.isEmpty()) {
        return;
      }
      for (String group : groups) {
        if (!admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().isEmpty()) {
          throw new IllegalStateException("group " + group + " has committed offsets: not a fresh hub");
        }
        admin.alterConsumerGroupOffsets(group, ends).all().get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while placing a fresh hub's groups", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot place a fresh hub's groups at the end of the test broker's topics", e);
    }
  }
}
