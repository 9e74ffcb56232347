package no.examhub.testing;

import java.nio.file.Path;
import no.examhub.ExamhubTopology;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.kafka.Topic;
import no.examhub.platform.streams.StreamsSettings;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The whole topology in a TopologyTestDriver, with Examhub's settings, and its topics by registry. */
public final class Drivers {
  private Drivers() {}

  public static TopologyTestDriver whole(String name) {
    return new TopologyTestDriver(ExamhubTopology.build(ExamhubConfig.defaults()), StreamsSettings.of(name,
        "unused:9092", (short) 1, Path.of(System.getProperty("java.io.tmpdir"), name + "-" + System.nanoTime()), 1));
  }

  public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, Topic<K, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }
}
