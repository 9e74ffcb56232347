package no.examhub.platform.streams;

import io.micrometer.core.instrument.Metrics;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Applies a parsing function and wraps the result in an {@link Attempt}: a {@link Rejected} input
 * becomes a dead letter that names its topic, partition and offset, so the flow can route it to
 * the dead-letter topic and go on.
 */
public final class Normalise<I, O> implements FixedKeyProcessor<String, I, Attempt<O>> {
  private final String stage;
  private final Function<I, O> parse;
  private final Function<I, String> payload;
  private FixedKeyProcessorContext<String, Attempt<O>> context;

  public Normalise(String stage, Function<I, O> parse, Function<I, String> payload) {
    this.stage = stage;
    this.parse = parse;
    this.payload = payload;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Attempt<O>> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, I> record) {
    try {
      context.forward(record.withValue(Attempt.ok(parse.apply(record.value()))));
    } catch (Rejected e) {
      RecordMetadata origin = context.recordMetadata().orElse(null);
      String topic = origin == null ? "unknown" : origin.topic();
      Metrics.counter("examhub.intake.dead.letters", "source", topic, "stage", stage).increment();
      DeadLetter letter = new DeadLetter(topic, origin == null ? -1 : origin.partition(),
          origin == null ? -1 : origin.offset(), record.key(), stage, e.code(), e.getMessage(),
          payload.apply(record.value()), Instant.now());
      context.forward(record.withValue(Attempt.failed(letter)));
    }
  }
}
