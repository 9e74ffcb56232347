package no.examhub.flow;

import java.time.Duration;
import no.examhub.flow.intake.IntakeTopology;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** Composes every flow into the one topology of the Streams application. */
public final class ExamhubTopology {
  private ExamhubTopology() {}

  public static Topology build(Duration dedupRetention) {
    StreamsBuilder builder = new StreamsBuilder();
    IntakeTopology.addTo(builder, dedupRetention);
    return builder.build();
  }
}
