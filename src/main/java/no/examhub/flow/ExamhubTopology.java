package no.examhub.flow;

import no.examhub.flow.cases.CaseTopology;
import no.examhub.flow.cases.ReplayTopology;
import no.examhub.flow.export.ExportTopology;
import no.examhub.flow.intake.IntakeTopology;
import no.examhub.flow.intake.StandardIntakeTopology;
import no.examhub.flow.notify.SubscriberNotifyTopology;
import no.examhub.flow.proctoring.ProctoringResultsTopology;
import no.examhub.flow.proctoring.RosterTopology;
import no.examhub.flow.proview.ProviewTopology;
import no.examhub.platform.config.ExamhubConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** Composes every flow into the one topology of the Streams application. */
public final class ExamhubTopology {
  private ExamhubTopology() {}

  public static Topology build(ExamhubConfig config) {
    StreamsBuilder builder = new StreamsBuilder();
    IntakeTopology.addTo(builder, config.dedupRetention());
    CaseTopology.addTo(builder, config);
    ReplayTopology.addTo(builder);
    ProviewTopology.addTo(builder, config);
    RosterTopology.addTo(builder, config);
    ExportTopology.addTo(builder, config);
    ProctoringResultsTopology.addTo(builder, config);
    SubscriberNotifyTopology.addTo(builder, config);
    // Last, so the sub-topologies before it keep their numbers (task ids, state directories) on upgrade.
    StandardIntakeTopology.addTo(builder, config.dedupRetention());
    return builder.build();
  }
}
