package no.examhub.flow.proctoring;

import io.micrometer.core.instrument.Metrics;
import no.examhub.event.ProctoringResult;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.flow.Sources;
import no.examhub.partner.proctoring.ProctoringResults;
import no.examhub.partner.proview.ProviewRatings;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.streams.Dedup;
import no.examhub.platform.streams.NormaliseOrDeadLetter;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Proctoring results: what the proctoring systems found, in one topic for the examiners' side.
 *
 * <ul>
 *   <li>Inputs: {@code examhub.raw.proctoring} (the vendor's asynchronous events, keyed
 *       {@code institution/exam_id}) and {@code examhub.outcomes} (the shared source; only
 *       Proview's successful {@code fetch-session} outcomes are taken).
 *   <li>Outputs: {@code examhub.proctoring-results}, keyed {@code institution/examId};
 *       unparseable vendor events to {@code examhub.dead-letters}. {@code admitted_respondent} is
 *       dropped and counted ({@code examhub.proctoring.skipped}): it is not a result.
 *   <li>Stores: {@code proctoring-result-dedup-store}, hashes of vendor results, retention the
 *       dedup window.
 *   <li>Guarantees: exactly_once_v2; one result per distinct vendor event within the window.
 *       Proview ratings need no dedup here: dispatch records each command's outcome once.
 * </ul>
 */
public final class ProctoringResultsTopology {
  public static final String DEDUP_STORE = "proctoring-result-dedup-store";

  private ProctoringResultsTopology() {}

  public static void addTo(StreamsBuilder builder, ExamhubConfig config) {
    KStream<String, RawRequest> raw =
        builder.stream(Topics.RAW_PROCTORING.name(), Topics.RAW_PROCTORING.consumed("proctoring-raw-source"));
    NormaliseOrDeadLetter.apply(raw, "proctoring",
            ProctoringResults::fromVendor, NormaliseOrDeadLetter::bodyText, "proctoring-result-unwrap")
        .filter((key, result) -> countSkipped(ProctoringResults.isResult(result)),
            Named.as("proctoring-admitted-filter"))
        .processValues(new Dedup<>(DEDUP_STORE, config.dedupRetention(), ProctoringResult::contentHash,
            "proctoring-results"), Named.as("proctoring-result-dedup"))
        .to(Topics.PROCTORING_RESULTS.name(), Topics.PROCTORING_RESULTS.produced("proctoring-results-sink"));
    // Two sinks rather than a merge: the vendor's events and the outcomes stay apart in their own
    // sub-topologies, so neither flow's tasks wait on the other's topic.
    Sources.outcomes(builder)
        .filter((key, outcome) -> ProviewRatings.isFetchedSession(outcome), Named.as("proview-fetched-session-filter"))
        .mapValues(ProviewRatings::rating, Named.as("proview-rating-result"))
        .selectKey((key, result) -> result.key(), Named.as("proview-rating-by-exam"))
        .to(Topics.PROCTORING_RESULTS.name(), Topics.PROCTORING_RESULTS.produced("proview-ratings-sink"));
  }

  private static boolean countSkipped(boolean isResult) {
    if (!isResult) {
      Metrics.counter("examhub.proctoring.skipped", "reason", "admitted_respondent").increment();
    }
    return isResult;
  }
}
