package no.examhub.flow.cases;

import java.util.ArrayList;
import java.util.List;
import no.examhub.event.ExamEvent;
import java.util.Set;
import no.examhub.platform.json.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
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
 * case was resolved is held in {@code held-exam-events-store} and released when the link comes,
 * not dropped.
 */
final class ExamEventCorrelator implements Processor<String, Correlation, String, CaseInput> {
  static final String LINKS_STORE = "inspera-candidate-links-store";
  static final String HELD_STORE = "held-exam-events-store";

  private ProcessorContext<String, CaseInput> context;
  private KeyValueStore<String, String> links;
  private KeyValueStore<String, ExamEvent> held;

  static ProcessorSupplier<String, Correlation, String, CaseInput> supplier() {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, Correlation, String, CaseInput> get() {
        return new ExamEventCorrelator();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LINKS_STORE), Serdes.String(), Serdes.String()),
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HELD_STORE), Serdes.String(),
                JsonSerde.of(ExamEvent.class)));
      }
    };
  }

  @Override
  public void init(ProcessorContext<String, CaseInput> context) {
    this.context = context;
    this.links = context.getStateStore(LINKS_STORE);
    this.held = context.getStateStore(HELD_STORE);
  }

  @Override
  public void process(Record<String, Correlation> record) {
    Correlation c = record.value();
    if (c.link() != null) {
      link(c.link(), record.timestamp());
    } else if (c.event() != null && c.event().associatedObjectId() != null) {
      place(record.key(), c.event(), record.timestamp());
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
}
