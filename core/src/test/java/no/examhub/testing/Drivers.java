package no.examhub.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Consumer;
import no.examhub.ExamhubTopology;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.kafka.Topic;
import no.examhub.platform.streams.StreamsSettings;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Topologies in a TopologyTestDriver, with Examhub's settings, and their topics by registry. A flow
 * test builds only the flow it tests ({@link #of}), so a change to another flow cannot break it and
 * its driver holds no other flow's stores; {@link #whole} is for tests whose subject is the whole
 * topology.
 */
public final class Drivers {
  private Drivers() {}

  /** Only the given flows, e.g. {@code Drivers.of("case-test", b -> CaseTopology.addTo(b, config))}. */
  public static TopologyTestDriver of(String name, Consumer<StreamsBuilder> flows) {
    return new TopologyTestDriver(build(flows).build(), settings(name));
  }

  /** Only the given flows, with the driver's wall clock starting at {@code wallClockStart}. */
  public static TopologyTestDriver of(String name, Instant wallClockStart, Consumer<StreamsBuilder> flows) {
    return new TopologyTestDriver(build(flows).build(), settings(name), wallClockStart);
  }

  public static TopologyTestDriver whole(String name) {
    return new TopologyTestDriver(ExamhubTopology.build(ExamhubConfig.defaults()), settings(name));
  }

  public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, Topic<K, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  private static StreamsBuilder build(Consumer<StreamsBuilder> flows) {
    StreamsBuilder builder = new StreamsBuilder();
    flows.accept(builder);
    return builder;
  }

  /** Examhub's Streams settings, with a state directory of its own per driver. */
  private static Properties settings(String name) {
    return StreamsSettings.of(name, "unused:9092", (short) 1,
        Path.of(System.getProperty("java.io.tmpdir"), name + "-" + System.nanoTime()), 1);
  }
}
