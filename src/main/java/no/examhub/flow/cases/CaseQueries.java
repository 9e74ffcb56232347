package no.examhub.flow.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries over this instance's part of {@code case-store}: "where is this case?" and
 * which cases are still open. While the store is not queryable (rebalancing), answers are empty.
 */
public final class CaseQueries {
  private final KafkaStreams streams;

  public CaseQueries(KafkaStreams streams) {
    this.streams = streams;
  }

  public Optional<CaseState> find(String caseKey) {
    return store().map(s -> s.get(caseKey));
  }

  /** Cases with an appeal or explanation still open, on this instance's partitions. */
  public List<CaseState> openCases() {
    List<CaseState> open = new ArrayList<>();
    store().ifPresent(s -> {
      try (KeyValueIterator<String, CaseState> all = s.all()) {
        all.forEachRemaining(kv -> {
          if (kv.value.appeal().open() || kv.value.explanation().open()) {
            open.add(kv.value);
          }
        });
      }
    });
    return open;
  }

  /** Every case on this instance's partitions (empty while the store is not queryable). */
  public List<CaseState> all() {
    List<CaseState> cases = new ArrayList<>();
    store().ifPresent(s -> {
      try (KeyValueIterator<String, CaseState> all = s.all()) {
        all.forEachRemaining(kv -> cases.add(kv.value));
      }
    });
    return cases;
  }

  private Optional<ReadOnlyKeyValueStore<String, CaseState>> store() {
    try {
      return Optional.of(streams.store(StoreQueryParameters.fromNameAndType(CaseProcessor.STORE,
          QueryableStoreTypes.<String, CaseState>keyValueStore())));
    } catch (InvalidStateStoreException notNow) {
      return Optional.empty();
    }
  }
}
