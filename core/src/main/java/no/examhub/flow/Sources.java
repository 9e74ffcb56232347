package no.examhub.flow;

import java.util.Map;
import java.util.WeakHashMap;
import no.examhub.event.Outcome;
import no.examhub.event.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Source streams that more than one flow reads. A topology may subscribe to a topic once only, so
 * the first flow that asks creates the source and later ones get the same stream.
 */
public final class Sources {
  private static final Map<StreamsBuilder, KStream<String, Outcome>> OUTCOMES = new WeakHashMap<>();

  private Sources() {}

  /** {@code examhub.outcomes}, as the node {@code outcomes-source}. */
  public static synchronized KStream<String, Outcome> outcomes(StreamsBuilder builder) {
    return OUTCOMES.computeIfAbsent(builder,
        b -> b.stream(Topics.OUTCOMES.name(), Topics.OUTCOMES.consumed("outcomes-source")));
  }
}
