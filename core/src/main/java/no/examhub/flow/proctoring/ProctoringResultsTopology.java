package no.examhub.flow.proctoring;

import java.util.function.Function;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Metrics;
import no.examhub.event.ProctoringResult;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.flow.Sources;
import no.examhub.event.Outcome;
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

  /**
   * @param readers how the partners' records read as results: the proctoring vendor's event, and
   *     Proview's fetched session outcome
   */
  public static void addTo(StreamsBuilder builder, ExamhubConfig config, Readers readers) {
    KStream<String, RawRequest> raw =
        builder.stream(Topics.RAW_PROCTORING.name(), Topics.RAW_PROCTORING.consumed("proctoring-raw-source"));
    NormaliseOrDeadLetter.apply(raw, "proctoring",
            readers.vendorEvent()::apply, RawRequest::bodyText, "proctoring-result-unwrap")
        .filter((key, result) -> countSkipped(readers.isResult().test(result)),
            Named.as("proctoring-admitted-filter"))
        .processValues(new Dedup<>(DEDUP_STORE, config.dedupRetention(), ProctoringResult::contentHash,
            "proctoring-results"), Named.as("proctoring-result-dedup"))
        .to(Topics.PROCTORING_RESULTS.name(), Topics.PROCTORING_RESULTS.produced("proctoring-results-sink"));
    // Two sinks rather than a merge: the vendor's events and the outcomes stay apart in their own
    // sub-topologies, so neither flow's tasks wait on the other's topic.
    Sources.outcomes(builder)
        .filter((key, outcome) -> readers.isRating().test(outcome), Named.as("proview-fetched-session-filter"))
        .mapValues(readers.rating()::apply, Named.as("proview-rating-result"))
        .selectKey((key, result) -> result.key(), Named.as("proview-rating-by-exam"))
        .to(Topics.PROCTORING_RESULTS.name(), Topics.PROCTORING_RESULTS.produced("proview-ratings-sink"));
  }

  /**
   * What the partners plug in, so this flow never imports a partner.
   *
   * @param vendorEvent the proctoring vendor's event as a result ({@code Rejected} if unreadable)
   * @param isResult false for vendor events that are not results (counted, then dropped)
   * @param isRating true for the outcomes that carry a rating
   * @param rating such an outcome as a result
   */
  public record Readers(Function<RawRequest, ProctoringResult> vendorEvent, Predicate<ProctoringResult> isResult,
      Predicate<Outcome> isRating, Function<Outcome, ProctoringResult> rating) {}

  private static boolean countSkipped(boolean isResult) {
    if (!isResult) {
      Metrics.counter("examhub.proctoring.skipped", "reason", "admitted_respondent").increment();
    }
    return isResult;
  }
}
