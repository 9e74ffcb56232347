package no.examhub;

import no.examhub.flow.cases.CaseTopology;
import no.examhub.flow.cases.ReplayTopology;
import no.examhub.flow.export.ExportTopology;
import no.examhub.flow.intake.IntakeTopology;
import no.examhub.flow.intake.StandardIntakeTopology;
import no.examhub.flow.notify.SubscriberNotifyTopology;
import no.examhub.flow.proctoring.ProctoringResultsTopology;
import no.examhub.flow.proctoring.RosterTopology;
import no.examhub.flow.proview.ProviewTopology;
import no.examhub.partner.inspera.InsperaNormaliser;
import no.examhub.partner.metrica.MetricaNotifications;
import no.examhub.partner.proctoring.ProctoringResults;
import no.examhub.partner.proview.ProviewNormaliser;
import no.examhub.partner.proview.ProviewRatings;
import no.examhub.partner.standard.StandardWebhookNormaliser;
import no.examhub.platform.config.ExamhubConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Composes every flow into the one topology of the Streams application, and plugs each partner's
 * normaliser into the flow that reads its records: the flows speak only in Examhub's records, so
 * this is the one place where partner and flow meet.
 */
public final class ExamhubTopology {
  private ExamhubTopology() {}

  public static Topology build(ExamhubConfig config) {
    StreamsBuilder builder = new StreamsBuilder();
    IntakeTopology.addTo(builder, config.dedupRetention(), InsperaNormaliser::normalise);
    CaseTopology.addTo(builder, config);
    ReplayTopology.addTo(builder);
    ProviewTopology.addTo(builder, config, ProviewNormaliser::fetchCommand);
    RosterTopology.addTo(builder, config);
    ExportTopology.addTo(builder, config);
    ProctoringResultsTopology.addTo(builder, config, proctoringReaders());
    SubscriberNotifyTopology.addTo(builder, config, MetricaNotifications::notifyCommand);
    // Last, so the sub-topologies before it keep their numbers (task ids, state directories) on upgrade.
    StandardIntakeTopology.addTo(builder, config.dedupRetention(), StandardWebhookNormaliser::normalise);
    return builder.build();
  }

  /** How the proctoring vendor's events and Proview's fetched sessions read as results. */
  public static ProctoringResultsTopology.Readers proctoringReaders() {
    return new ProctoringResultsTopology.Readers(ProctoringResults::fromVendor, ProctoringResults::isResult,
        ProviewRatings::isFetchedSession, ProviewRatings::rating);
  }
}
