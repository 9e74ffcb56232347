package no.examhub.flow.cases;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import no.examhub.event.CaseForget;
import no.examhub.event.ExamEvent;
import no.examhub.platform.config.Retention;
import no.examhub.platform.json.JsonSerde;
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
 * Places Inspera's case events (appeal decision, explanation published), which name a test and a
 * candidate's Inspera user id, on the FS case they belong to. An event that arrives before its
 * case was resolved is held in {@code held-exam-events-store} and released when the link comes.
 *
 * <p>A held event whose case never comes expires after {@code EXAMHUB_HELD_EVENT_EXPIRY}, counted
 * by {@code examhub_cases_held_events_expired_total}. The check is a wall-clock punctuator, not a
 * stream-time one: stream time advances only when this task's partitions receive records, so a
 * quiet institution's events would otherwise wait forever, which is what the expiry is for. An
 * event is held from when Examhub received it ({@code receivedAt}; its {@code occurredAt} if that
 * is missing). A forgotten case ({@link CaseForget}) takes its link and its held events with it.
 * Repeats of events (from {@code examhub.exam-event-repeats}) are placed the same way, for the
 * case's timeline only.
 */
final class ExamEventCorrelator implements Processor<String, Correlation, String, CaseInput> {
  static final String LINKS_STORE = "inspera-candidate-links-store";
  static final String HELD_STORE = "held-exam-events-store";

  private final Retention retention;
  private ProcessorContext<String, CaseInput> context;
  private Counter expired;
  private KeyValueStore<String, String> links;
  private KeyValueStore<String, ExamEvent> held;

  ExamEventCorrelator(Retention retention) {
    this.retention = retention;
  }

  static ProcessorSupplier<String, Correlation, String, CaseInput> supplier(Retention retention) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, Correlation, String, CaseInput> get() {
        return new ExamEventCorrelator(retention);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LINKS_STORE), Serdes.String(), Serdes.String())
                .withLoggingEnabled(CaseProcessor.PERSONAL_CHANGELOG),
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HELD_STORE), Serdes.String(),
                JsonSerde.of(ExamEvent.class)).withLoggingEnabled(CaseProcessor.PERSONAL_CHANGELOG));
      }
    };
  }

  @Override
  public void init(ProcessorContext<String, CaseInput> context) {
    this.context = context;
    this.links = context.getStateStore(LINKS_STORE);
    this.held = context.getStateStore(HELD_STORE);
    this.expired = Counter.builder("examhub.cases.held.events.expired")
        .description("Held Inspera case events dropped because their case did not come within EXAMHUB_HELD_EVENT_EXPIRY")
        .register(Metrics.globalRegistry);
    context.schedule(retention.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::expireHeld);
  }

  @Override
  public void process(Record<String, Correlation> record) {
    Correlation c = record.value();
    if (c.forget() != null) {
      forget(c.forget());
    } else if (c.link() != null) {
      link(c.link(), record.timestamp());
    } else if (c.event() != null && c.event().associatedObjectId() != null) {
      place(record.key(), c.event(), record.timestamp());
    } else if (c.repeat() != null && c.repeat().associatedObjectId() != null) {
      placeRepeat(record.key(), c.repeat(), record.timestamp());
    }
  }

  /**
   * A repeat goes to its case's timeline when the case is linked; a repeat of an event still held
   * (or of none) is not kept: it was counted where it was deduplicated ({@code examhub_intake_duplicates_total}).
   */
  private void placeRepeat(String testKey, ExamEvent repeat, long timestamp) {
    String caseKey = links.get(testKey + "/" + repeat.associatedObjectId());
    if (caseKey != null) {
      context.forward(new Record<>(caseKey, CaseInput.repeatOf(Arrivals.of(repeat)), timestamp));
    }
  }

  private void link(CandidateLink link, long timestamp) {
    String candidate = link.testKey() + "/" + link.candidateUserId();
    links.put(candidate, link.caseKey());
    List<KeyValue<String, ExamEvent>> released = new ArrayList<>();
    try (KeyValueIterator<String, ExamEvent> waiting = held.prefixScan(candidate + "/", new StringSerializer())) {
      waiting.forEachRemaining(released::add);
    }
    for (KeyValue<String, ExamEvent> e : released) {
      context.forward(new Record<>(link.caseKey(), CaseInput.of(e.value), timestamp));
      held.delete(e.key);
    }
  }

  private void place(String testKey, ExamEvent event, long timestamp) {
    String candidate = testKey + "/" + event.associatedObjectId();
    String caseKey = links.get(candidate);
    if (caseKey == null) {
      held.put(candidate + "/" + event.eventId(), event);
    } else {
      context.forward(new Record<>(caseKey, CaseInput.of(event), timestamp));
    }
  }

  private void forget(CaseForget f) {
    String candidate = f.testKey() + "/" + f.candidateUserId();
    links.delete(candidate);
    for (String key : heldKeys(held.prefixScan(candidate + "/", new StringSerializer()), Instant.MAX)) {
      held.delete(key);
    }
  }

  private void expireHeld(long wallClockMs) {
    Instant cutoff = Instant.ofEpochMilli(wallClockMs).minus(retention.heldEventExpiry());
    for (String key : heldKeys(held.all(), cutoff)) {
      held.delete(key);
      expired.increment();
    }
  }

  /** The keys of the held events received before the cutoff, collected before the store is written. */
  private static List<String> heldKeys(KeyValueIterator<String, ExamEvent> it, Instant cutoff) {
    List<String> keys = new ArrayList<>();
    try (it) {
      while (it.hasNext()) {
        KeyValue<String, ExamEvent> kv = it.next();
        if (kv.value == null || heldSince(kv.value).isBefore(cutoff)) {
          keys.add(kv.key);
        }
      }
    }
    return keys;
  }

  private static Instant heldSince(ExamEvent e) {
    return e.receivedAt() != null ? e.receivedAt() : e.occurredAt() != null ? e.occurredAt() : Instant.EPOCH;
  }
}
