package no.examhub.flow.cases;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.List;
import no.examhub.event.Command;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamEventKinds;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.flow.Sources;
import no.examhub.flow.cases.CaseState.Ids;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.json.JsonSerde;
import no.examhub.platform.streams.Dedup;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Cases: appeals, explanations and thesis archiving (seed 003), one state per candidate case.
 *
 * <ul>
 *   <li>Inputs: {@code examhub.fs.appeals}, {@code examhub.fs.explanation-requests} (deduplicated by
 *       content hash), {@code examhub.outcomes} (what dispatch did: the outcomes of case
 *       operations go to their case, {@code fetch-test-metadata} to the thesis fan-out, all others
 *       are counted in {@code examhub.cases.outcomes.skipped} and left to their own flows),
 *       {@code examhub.exam-events}, {@code examhub.exam-event-repeats} (the intake's
 *       deduplicated repeats, for the timeline: {@link CaseState.Received}).
 *   <li>Outputs: commands on {@code examhub.commands.<partner>}, keyed by case.
 *   <li>Stores: {@code case-store} (queryable case state), {@code archive-due-store} and
 *       {@code wiseflow-pending-store} (indexes for the punctuators), the correlator's
 *       {@code inspera-candidate-links-store} and {@code held-exam-events-store}, and the dedup
 *       stores.
 *   <li>Personal data: closed cases are forgotten after their retention and an erased candidate's
 *       cases at once ({@code examhub.erasures}); each forgotten case goes by
 *       {@code examhub.case-forgets} to the correlator, which forgets its link and held events;
 *       held events expire (docs/operations.md, "Personal data"). A case's timeline keeps when
 *       each FS record and exam event was received and how often it was repeated, nothing more of it.
 *   <li>Guarantees: exactly_once_v2; a command is emitted in the transaction that records it in the
 *       case, so it is emitted once; events that arrive before their case are held, not dropped.
 * </ul>
 */
public final class CaseTopology {
  /** Outcomes the case flow leaves alone: not of a case command (Operations.OF_CASES) nor test metadata. */
  static final String NOT_OF_CASE = "examhub.cases.outcomes.skipped";

  private CaseTopology() {}

  public static void addTo(StreamsBuilder builder, ExamhubConfig config) {
    JsonSerde<CaseInput> inputSerde = JsonSerde.of(CaseInput.class);
    // A repeat goes on marked, so the case counts it on its timeline; only a first one is acted on.
    KStream<String, CaseInput> appeals = builder
        .stream(Topics.FS_APPEALS.name(), Topics.FS_APPEALS.consumed("fs-appeals-source"))
        .processValues(Dedup.marking("fs-appeal-dedup-store", config.dedupRetention(), FsAppeal::contentHash,
            "fs-appeals"), Named.as("fs-appeal-dedup"))
        .mapValues(s -> s.repeat() ? CaseInput.repeatOf(Arrivals.of(s.value())) : CaseInput.of(s.value()),
            Named.as("fs-appeal-case-input"));
    KStream<String, CaseInput> explanations = builder
        .stream(Topics.FS_EXPLANATION_REQUESTS.name(), Topics.FS_EXPLANATION_REQUESTS.consumed("fs-explanation-requests-source"))
        .processValues(Dedup.marking("fs-explanation-dedup-store", config.dedupRetention(),
            FsExplanationRequest::contentHash, "fs-explanation-requests"), Named.as("fs-explanation-dedup"))
        .mapValues(s -> s.repeat() ? CaseInput.repeatOf(Arrivals.of(s.value())) : CaseInput.of(s.value()),
            Named.as("fs-explanation-case-input"));

    KStream<String, Outcome> outcomes = Sources.outcomes(builder);
    List<KStream<String, CaseInput>> fromOutcomes = new ArrayList<>();
    List<KStream<String, Correlation>> links = new ArrayList<>();
    // By operation: only the outcomes of case commands reach the case processor. The rest (Proview
    // sessions, exports, Metrica notifications) would open a "case" under a key that is none; their
    // own flows read them from the same source, so here they are only counted.
    outcomes.split(Named.as("outcome-"))
        .branch((k, o) -> Operations.FETCH_TEST_METADATA.equals(o.operation()),
            Branched.withConsumer(meta -> fromOutcomes.add(theses(meta, inputSerde)), "test-metadata"))
        .branch((k, o) -> Operations.ofCase(o.operation()), Branched.withConsumer(caseOutcomes -> {
          fromOutcomes.add(caseOutcomes.mapValues(CaseInput::of, Named.as("outcome-case-input")));
          links.add(candidateLinks(caseOutcomes));
        }, "case"))
        .defaultBranch(Branched.withConsumer(others -> others.foreach((k, o) -> countNotOfCase(o),
            Named.as("outcome-not-case-count")), "not-case"));

    KStream<String, ExamEvent> examEvents = builder.stream(Topics.EXAM_EVENTS.name(), Topics.EXAM_EVENTS.consumed("case-exam-events-source"));
    examEvents.filter((k, e) -> e.examSystem() == ExamSystem.INSPERA && ExamEventKinds.FINAL_GRADES.equals(e.event()),
            Named.as("grades-confirmed-filter"))
        .mapValues(ThesisMetadata::fetchCommand, Named.as("fetch-test-metadata-command"))
        .to(Topics.COMMANDS_INSPERA.name(), Topics.COMMANDS_INSPERA.produced("fetch-test-metadata-sink"));
    KStream<String, CaseInput> caseEvents = examEvents
        .filter((k, e) -> caseEvent(e), Named.as("case-event-filter"))
        .mapValues(Correlation::of, Named.as("case-event-correlation"))
        .merge(links.get(0), Named.as("correlation-merge"))
        .merge(builder.stream(Topics.CASE_FORGETS.name(), Topics.CASE_FORGETS.consumed("case-forgets-source"))
            .mapValues(Correlation::of, Named.as("case-forget-correlation")), Named.as("correlation-merge-forgets"))
        .merge(builder.stream(Topics.EXAM_EVENT_REPEATS.name(), Topics.EXAM_EVENT_REPEATS.consumed("case-exam-event-repeats-source"))
            .filter((k, e) -> caseEvent(e), Named.as("case-event-repeat-filter"))
            .mapValues(Correlation::repeatOf, Named.as("case-event-repeat-correlation")), Named.as("correlation-merge-repeats"))
        .process(ExamEventCorrelator.supplier(config.retention()), Named.as("exam-event-correlator"),
            ExamEventCorrelator.LINKS_STORE, ExamEventCorrelator.HELD_STORE)
        .repartition(Repartitioned.<String, CaseInput>as("case-exam-events")
            .withKeySerde(Serdes.String()).withValueSerde(inputSerde));

    // Erasures are not repartitioned: the operator API wrote a copy to every partition.
    KStream<String, CaseInput> erasures = builder
        .stream(Topics.ERASURES.name(), Topics.ERASURES.consumed("erasures-source"))
        .mapValues(CaseInput::of, Named.as("erasure-case-input"));
    KStream<String, CaseOutput> out = appeals
        .merge(explanations, Named.as("case-input-merge-explanations"))
        .merge(fromOutcomes.get(0), Named.as("case-input-merge-outcomes"))
        .merge(fromOutcomes.get(1), Named.as("case-input-merge-theses"))
        .merge(caseEvents, Named.as("case-input-merge-events"))
        .merge(erasures, Named.as("case-input-merge-erasures"))
        .process(CaseProcessor.supplier(config), Named.as("case-processor"),
            CaseProcessor.STORE, CaseProcessor.ARCHIVE_DUE_STORE, CaseProcessor.WISEFLOW_PENDING_STORE);
    out.filter((k, o) -> o.forget() != null, Named.as("case-forget-filter"))
        .mapValues(CaseOutput::forget, Named.as("case-forget-value"))
        .to(Topics.CASE_FORGETS.name(), Topics.CASE_FORGETS.produced("case-forgets-sink"));
    routeByPartner(out.filter((k, o) -> o.command() != null, Named.as("case-command-filter"))
        .mapValues(CaseOutput::command, Named.as("case-command-value")));
  }

  /** The events that change a case: Inspera's appeal decision and published explanation. */
  private static boolean caseEvent(ExamEvent e) {
    return ExamEventKinds.APPEAL_DECISION.equals(e.event()) || ExamEventKinds.EXPLANATION_PUBLISHED.equals(e.event());
  }

  /** Tagged by operation, so an operation no flow knows (dispatch dead-letters its command) stands out. */
  private static void countNotOfCase(Outcome o) {
    Counter.builder(NOT_OF_CASE).tag("operation", o.operation() == null ? "none" : o.operation())
        .description("Outcomes the case flow does not take: not of a case command, nor test metadata")
        .register(Metrics.globalRegistry).increment();
  }

  private static KStream<String, CaseInput> theses(KStream<String, Outcome> metadata, JsonSerde<CaseInput> serde) {
    return metadata
        .flatMap((k, o) -> ThesisMetadata.graded(o).stream()
            .map(t -> KeyValue.pair(t.caseKey(), CaseInput.of(t))).toList(), Named.as("thesis-fan-out"))
        .repartition(Repartitioned.<String, CaseInput>as("case-theses")
            .withKeySerde(Serdes.String()).withValueSerde(serde));
  }

  /** Resolved Inspera ids, re-keyed by test so they meet the test's events. */
  private static KStream<String, Correlation> candidateLinks(KStream<String, Outcome> caseOutcomes) {
    return caseOutcomes
        .filter((caseKey, o) -> o.success() && LearntIds.insperaCandidate(o.result()) != null,
            Named.as("candidate-link-filter"))
        .map((caseKey, o) -> {
          Ids ids = LearntIds.insperaCandidate(o.result());
          CandidateLink link = new CandidateLink(o.institution(), ids.testId(), ids.candidateUserId(), caseKey);
          return KeyValue.pair(link.testKey(), Correlation.of(link));
        }, Named.as("candidate-link-by-test"))
        .repartition(Repartitioned.<String, Correlation>as("candidate-links")
            .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(Correlation.class)));
  }

  private static void routeByPartner(KStream<String, Command> commands) {
    var split = commands.split(Named.as("case-command-"));
    for (Partner p : List.of(Partner.FS, Partner.INSPERA, Partner.WISEFLOW, Partner.ARCHIVE)) {
      split.branch((k, c) -> c.partner() == p, Branched.withConsumer(s -> s.to(Topics.commandsFor(p).name(),
          Topics.commandsFor(p).produced("case-commands-" + p.id() + "-sink")), p.id()));
    }
    split.noDefaultBranch();
  }
}
