package no.examhub.testing;

import java.util.function.Consumer;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.platform.kafka.Topic;
import no.examhub.platform.streams.DeadLetter;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A flow that takes a partner's raw requests, under a driver of its own: the raw topic in, what the
 * flow makes of them (events or commands) out, and the dead letters of what it refused.
 */
public record RawFlow<V>(TopologyTestDriver driver, TestInputTopic<String, RawRequest> raw, TestOutputTopic<String, V> out,
    TestOutputTopic<String, DeadLetter> deadLetters) implements AutoCloseable {

  public static <V> RawFlow<V> of(String name, Topic<String, RawRequest> rawTopic, Topic<String, V> outTopic,
      Consumer<StreamsBuilder> flow) {
    TopologyTestDriver driver = Drivers.of(name, flow);
    return new RawFlow<>(driver, Drivers.input(driver, rawTopic), Drivers.output(driver, outTopic),
        Drivers.output(driver, Topics.DEAD_LETTERS));
  }

  @Override
  public void close() {
    driver.close();
  }
}
