package no.examhub.platform.streams;

import java.util.function.Function;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The first step of every flow over partner records: normalise each record, send the ones that
 * are {@link Rejected} to the dead-letter topic with their reason, go on with the rest. Nodes are
 * named after the flow: {@code <name>-normalise}, {@code <name>-normalise-outcome-rejected} and
 * {@code -normalised}, {@code <name>-dead-letter}, {@code <name>-dead-letter-sink}.
 */
public final class NormaliseOrDeadLetter {
  private NormaliseOrDeadLetter() {}

  /**
   * @param unwrapName the name of the step that hands the normalised values on
   * @param payload the input as text, kept in the dead letter for replay
   * @return the normalised values, on the input's keys
   */
  public static <I, O> KStream<String, O> apply(KStream<String, I> input, String name,
      Function<I, O> normalise, Function<I, String> payload, String unwrapName) {
    String stage = name + "-normalise";
    String outcome = stage + "-outcome-";
    return input
        .processValues(() -> new Normalise<I, O>(stage, normalise, payload), Named.as(stage))
        .split(Named.as(outcome))
        .branch((key, attempt) -> attempt.failed(),
            Branched.withConsumer(rejected -> toDeadLetters(rejected, name), "rejected"))
        .defaultBranch(Branched.as("normalised"))
        .get(outcome + "normalised")
        .mapValues(Attempt::value, Named.as(unwrapName));
  }

  private static <O> void toDeadLetters(KStream<String, Attempt<O>> rejected, String name) {
    KStream<String, DeadLetter> letters = rejected.mapValues(Attempt::deadLetter, Named.as(name + "-dead-letter"));
    letters.to(DeadLetter.TOPIC.name(), DeadLetter.TOPIC.produced(name + "-dead-letter-sink"));
  }
}
