package no.examhub.flow.cases;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.examhub.event.CaseForget;
import no.examhub.event.Command;
import no.examhub.event.ErasureRequest;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamEventKinds;
import no.examhub.event.ExamSystem;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Result;
import no.examhub.event.Topics;
import no.examhub.flow.cases.CaseState.HistoryEntry;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.config.Retention;
import no.examhub.platform.json.JsonSerde;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Applies every input of a case to its state in {@code case-store} and emits the commands the
 * rules decide, in the same transaction (exactly_once_v2): a command is emitted exactly when the
 * state that records it is written. Wall-clock punctuators drive what no input does: archiving
 * theses whose deadlines passed, polling WISEflow for pending explanations, and forgetting closed
 * cases after {@code EXAMHUB_CLOSED_CASE_RETENTION}.
 *
 * <p>A case is forgotten (retention, or an {@link ErasureRequest} for its candidate) by deleting it
 * from every store, which tombstones it in the changelogs, and by telling the correlator
 * ({@link CaseForget}) to forget its Inspera link and held events.
 */
final class CaseProcessor implements Processor<String, CaseInput, String, CaseOutput> {
  static final String STORE = "case-store";
  static final String ARCHIVE_DUE_STORE = "archive-due-store";
  /** Case key to the last poll round written for it ({@link #NOT_POLLED} before the first). */
  static final String WISEFLOW_PENDING_STORE = "wiseflow-pending-store";
  private static final String NOT_POLLED = "";
  /** A deleted case's old values leave the changelog within a week, not whenever compaction gets to it. */
  static final Map<String, String> PERSONAL_CHANGELOG = Map.of(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
      Topics.COMPACTION_LAG);

  private final ArchiveRules archive;
  private final Duration archiveCheckInterval;
  private final Duration wiseflowPollInterval;
  private final Retention retention;
  private ProcessorContext<String, CaseOutput> context;
  private Counter forgotten;
  private Counter erased;
  private KeyValueStore<String, CaseState> cases;
  private KeyValueStore<String, String> archiveDue;
  private KeyValueStore<String, String> wiseflowPending;

  CaseProcessor(ArchiveRules archive, Duration archiveCheckInterval, Duration wiseflowPollInterval, Retention retention) {
    this.archive = archive;
    this.archiveCheckInterval = archiveCheckInterval;
    this.wiseflowPollInterval = wiseflowPollInterval;
    this.retention = retention;
  }

  static ProcessorSupplier<String, CaseInput, String, CaseOutput> supplier(ExamhubConfig config) {
    ArchiveRules rules = new ArchiveRules(config.appealPeriod(), config.explanationPeriod());
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, CaseInput, String, CaseOutput> get() {
        return new CaseProcessor(rules, config.archiveCheckInterval(), config.wiseflowPollInterval(), config.retention());
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                JsonSerde.of(CaseState.class)).withLoggingEnabled(PERSONAL_CHANGELOG),
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARCHIVE_DUE_STORE), Serdes.String(), Serdes.String()),
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WISEFLOW_PENDING_STORE), Serdes.String(),
                Serdes.String()));
      }
    };
  }

  @Override
  public void init(ProcessorContext<String, CaseOutput> context) {
    this.context = context;
    this.cases = context.getStateStore(STORE);
    this.archiveDue = context.getStateStore(ARCHIVE_DUE_STORE);
    this.wiseflowPending = context.getStateStore(WISEFLOW_PENDING_STORE);
    context.schedule(archiveCheckInterval, PunctuationType.WALL_CLOCK_TIME, this::archiveDueTheses);
    context.schedule(wiseflowPollInterval, PunctuationType.WALL_CLOCK_TIME, this::pollWiseflow);
    context.schedule(retention.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::forgetClosedCases);
    forgotten = Counter.builder("examhub.cases.forgotten").tag("reason", CaseForget.RETENTION)
        .description("Cases deleted from case-store: closed longer than their retention, or erased")
        .register(Metrics.globalRegistry);
    erased = Counter.builder("examhub.cases.forgotten").tag("reason", CaseForget.ERASURE)
        .description("Cases deleted from case-store: closed longer than their retention, or erased")
        .register(Metrics.globalRegistry);
  }

  @Override
  public void process(Record<String, CaseInput> record) {
    if (record.value().erasure() != null) {
      erase(record.value().erasure());
      return;
    }
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    CaseState current = cases.get(record.key());
    if (record.value().repeat() != null) {
      // Only noted on a case there is: a repeat neither opens a case nor changes what it waits for.
      if (current != null) {
        cases.put(current.caseKey(), current.repeated(record.value().repeat()));
      }
      return;
    }
    CaseState s = current != null ? current : CaseOpening.from(record.key(), record.value());
    CaseState.Received arrival = Arrivals.of(record.value());
    apply(decide(arrival == null ? s : s.arrived(arrival), record.value(), now), now);
  }

  private Decision decide(CaseState s, CaseInput in, Instant now) {
    if (in.appeal() != null) {
      return AppealRules.onFsAppeal(s, in.appeal(), now);
    }
    if (in.explanationRequest() != null) {
      return ExplanationRules.onFsRequest(s, in.explanationRequest(), now);
    }
    if (in.outcome() != null) {
      return onOutcome(s, in.outcome(), now);
    }
    if (in.examEvent() != null) {
      return onExamEvent(s, in.examEvent(), now);
    }
    return Decision.of(archive.onGraded(s, in.thesis()));
  }

  private static Decision onExamEvent(CaseState s, ExamEvent e, Instant now) {
    Instant at = e.occurredAt() != null ? e.occurredAt() : e.receivedAt();
    return switch (e.event()) {
      case ExamEventKinds.APPEAL_DECISION -> AppealRules.onDecision(s, at, e.eventId(), now);
      case ExamEventKinds.EXPLANATION_PUBLISHED -> ExplanationRules.onPublished(s, e.eventId(), now);
      default -> Decision.of(s);
    };
  }

  private static Decision onOutcome(CaseState before, Outcome o, Instant now) {
    CaseState s = before.logged(new HistoryEntry(o.at(), "outcome", o.operation(), o.commandId(), o.success(),
        // A handler's note on a success (e.g. FS's "not sent: no endpoint configured") stays in the case;
        // an applied change whose answer was unreadable says so, for whoever checks the partner's side.
        o.resultUnknown() ? "applied, result unknown: " + o.errorCode() + ": " + o.reason()
            : o.success() ? o.result(Result.FsSent.class).map(Result.FsSent::note).orElse(null)
            : o.errorCode() + ": " + o.reason()));
    if (!o.success()) {
      return Decision.of(s);
    }
    CaseState learnt = s.withIds(LearntIds.of(o.result()));
    return switch (o.operation()) {
      case Operations.REGISTER_APPEAL_DECISION -> Decision.of(AppealRules.onDecisionRegistered(learnt));
      case Operations.FETCH_EXPLANATION -> ExplanationRules.onAnswered(learnt,
          o.result(Result.ExplanationFetched.class).map(Result.ExplanationFetched::explanation).orElse(null),
          o.commandId(), now);
      case Operations.POLL_EXPLANATION -> o.result(Result.ExplanationPolled.class)
          .filter(Result.ExplanationPolled::answered)
          .map(polled -> ExplanationRules.onAnswered(learnt, polled.explanation(), o.commandId(), now))
          .orElse(Decision.of(learnt));
      case Operations.REGISTER_EXPLANATION -> Decision.of(ExplanationRules.onRegisteredInFs(learnt));
      default -> Decision.of(learnt);
    };
  }

  private void apply(Decision d, Instant now) {
    CaseState s = d.state();
    for (Command c : d.commands()) {
      s = s.logged(new HistoryEntry(now, "command", c.operation(), c.commandId(), null, null));
    }
    cases.put(s.caseKey(), s);
    reindex(s);
    for (Command c : d.commands()) {
      context.forward(new Record<>(s.caseKey(), CaseOutput.of(c), now.toEpochMilli()));
    }
  }

  /** This task's cases of the erased candidate; the request reaches every partition, so all of them. */
  private void erase(ErasureRequest r) {
    if (r.institution() == null || r.candidateHash() == null) {
      return; // not a request the API writes: nothing to erase by
    }
    List<CaseState> found = new ArrayList<>();
    try (KeyValueIterator<String, CaseState> it = cases.prefixScan(r.institution() + "/", new StringSerializer())) {
      it.forEachRemaining(kv -> {
        if (kv.value != null && r.institution().equals(kv.value.institution())
            && r.candidateHash().equals(ErasureRequest.candidateHash(kv.value.institution(), kv.value.kandidatnr()))) {
          found.add(kv.value);
        }
      });
    }
    found.forEach(s -> forget(s, CaseForget.ERASURE));
  }

  private void forgetClosedCases(long wallClockMs) {
    Instant cutoff = Instant.ofEpochMilli(wallClockMs).minus(retention.closedCaseRetention());
    List<CaseState> expired = new ArrayList<>();
    try (KeyValueIterator<String, CaseState> it = cases.all()) {
      it.forEachRemaining(kv -> {
        if (kv.value != null && closed(kv.value)
            && (kv.value.updatedAt() == null || kv.value.updatedAt().isBefore(cutoff))) {
          expired.add(kv.value);
        }
      });
    }
    expired.forEach(s -> forget(s, CaseForget.RETENTION));
  }

  /** Nothing left to do for it: no open appeal or explanation, no thesis waiting to be archived. */
  static boolean closed(CaseState s) {
    return !s.appeal().open() && !s.explanation().open() && (s.thesis() == null || s.thesis().archived())
        && !ExplanationRules.awaitingWiseflowAnswer(s);
  }

  private void forget(CaseState s, String reason) {
    cases.delete(s.caseKey());
    wiseflowPending.delete(s.caseKey());
    if (s.thesis() != null) {
      archiveDue.delete(dueKey(s.thesis().dueAt(), s.caseKey()));
    }
    if (s.examSystem() == ExamSystem.INSPERA && s.ids().testId() != null && s.ids().candidateUserId() != null) {
      CaseForget f = new CaseForget(s.institution(), s.ids().testId(), s.ids().candidateUserId(), reason);
      context.forward(new Record<>(f.testKey(), CaseOutput.of(f), context.currentSystemTimeMs()));
    }
    (CaseForget.ERASURE.equals(reason) ? erased : forgotten).increment();
  }

  /** The two indexes let the punctuators visit only the cases that may need them. */
  private void reindex(CaseState s) {
    if (s.thesis() != null && !s.thesis().archived()) {
      archiveDue.put(dueKey(s.thesis().dueAt(), s.caseKey()), s.caseKey());
    } else if (s.thesis() != null) {
      archiveDue.delete(dueKey(s.thesis().dueAt(), s.caseKey()));
    }
    if (ExplanationRules.awaitingWiseflowAnswer(s)) {
      if (wiseflowPending.get(s.caseKey()) == null) {
        wiseflowPending.put(s.caseKey(), NOT_POLLED);
      }
    } else {
      wiseflowPending.delete(s.caseKey());
    }
  }

  private void archiveDueTheses(long wallClockMs) {
    Instant now = Instant.ofEpochMilli(wallClockMs);
    for (String caseKey : keys(archiveDue.range(dueKey(Instant.EPOCH, ""), dueKey(now, "\uffff")))) {
      CaseState s = cases.get(caseKey);
      if (s != null) {
        Decision d = archive.archiveIfDue(s, now);
        if (!d.commands().isEmpty()) {
          apply(d, now);
        }
      }
    }
  }

  /**
   * A round is a wall-clock interval, and its number is part of the poll's command id. The
   * punctuator's runs do not keep to the intervals (a late run and the next on-time one can share
   * one, and a task that moved restarts its schedule), so each pending case remembers the last
   * round it was polled in, in the same transaction as the poll.
   */
  private void pollWiseflow(long wallClockMs) {
    Instant now = Instant.ofEpochMilli(wallClockMs);
    long round = wallClockMs / Math.max(1, wiseflowPollInterval.toMillis());
    for (KeyValue<String, String> pending : entries(wiseflowPending.all())) {
      CaseState s = cases.get(pending.key);
      if (s != null && ExplanationRules.awaitingWiseflowAnswer(s) && lastPolledRound(pending.value) < round) {
        wiseflowPending.put(pending.key, Long.toString(round));
        // Polls are not written into the case history: they would crowd out what matters.
        context.forward(new Record<>(pending.key, CaseOutput.of(ExplanationRules.poll(s, round, now)), wallClockMs));
      }
    }
  }

  /** {@link #NOT_POLLED}, or an entry written before rounds were kept (it held the case key): none yet. */
  private static long lastPolledRound(String value) {
    return value != null && !value.isEmpty() && value.chars().allMatch(Character::isDigit) ? Long.parseLong(value) : -1;
  }

  /** Collected before acting, so the store is not written while it is iterated. */
  private static List<KeyValue<String, String>> entries(KeyValueIterator<String, String> it) {
    List<KeyValue<String, String>> entries = new ArrayList<>();
    try (it) {
      it.forEachRemaining(entries::add);
    }
    return entries;
  }

  /** The case keys an index holds as values; collected before acting, like {@link #entries}. */
  private static List<String> keys(KeyValueIterator<String, String> it) {
    return entries(it).stream().map(kv -> kv.value).toList();
  }


  static String dueKey(Instant due, String caseKey) {
    return String.format("%015d/%s", due.toEpochMilli(), caseKey);
  }
}
