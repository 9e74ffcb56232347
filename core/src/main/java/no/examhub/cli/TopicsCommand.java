package no.examhub.cli;

import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import no.examhub.platform.kafka.KafkaSettings;

/** {@code examhub topics}: every topic with its partition count. */
public final class TopicsCommand {
  private TopicsCommand() {}

  public static int run() throws Exception {
    try (Admin admin = Admin.create(KafkaSettings.admin(ClientConfig.bootstrapServers()))) {
      var names = admin.listTopics().names().get(15, TimeUnit.SECONDS);
      var descriptions = new TreeMap<>(admin.describeTopics(names).allTopicNames().get(15, TimeUnit.SECONDS));
      for (TopicDescription d : descriptions.values()) {
        System.out.printf("%-60s %3d partitions%n", d.name(), d.partitions().size());
      }
    }
    return 0;
  }
}
