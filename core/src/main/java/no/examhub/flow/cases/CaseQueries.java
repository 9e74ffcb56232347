package no.examhub.flow.cases;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
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

  /** Every instance that holds a part of {@code case-store} (needs {@code application.server}). */
  public Collection<StreamsMetadata> holders() {
    return streams.streamsMetadataForStore(CaseProcessor.STORE);
  }

  /** Which instance holds the case's partition (needs {@code application.server}); NOT_AVAILABLE while unknown. */
  public KeyQueryMetadata ownerOf(String caseKey) {
    KeyQueryMetadata m = streams.queryMetadataForKey(CaseProcessor.STORE, caseKey, Serdes.String().serializer());
    return m == null ? KeyQueryMetadata.NOT_AVAILABLE : m;
  }

  /**
   * The case from this instance's active copy of one partition of the store. Unlike
   * {@link #find}, tells "no such case" (empty) from "not queryable here now" (throws
   * {@link InvalidStateStoreException}: rebalancing, or the partition is elsewhere).
   */
  public Optional<CaseState> findInPartition(String caseKey, int partition) {
    return Optional.ofNullable(streams.store(StoreQueryParameters.fromNameAndType(CaseProcessor.STORE,
        QueryableStoreTypes.<String, CaseState>keyValueStore()).withPartition(partition)).get(caseKey));
  }

  /** The case from whatever this instance holds; throws {@link InvalidStateStoreException} when not queryable. */
  public Optional<CaseState> findLocally(String caseKey) {
    return Optional.ofNullable(queryableStore().get(caseKey));
  }

  /** Up to {@code limit} cases of this instance's partitions that match; throws while not queryable. */
  public List<CaseState> matching(Predicate<CaseState> filter, int limit) {
    List<CaseState> found = new ArrayList<>();
    try (KeyValueIterator<String, CaseState> all = queryableStore().all()) {
      while (all.hasNext() && found.size() < limit) {
        CaseState c = all.next().value;
        if (filter.test(c)) {
          found.add(c);
        }
      }
    }
    return found;
  }

  private ReadOnlyKeyValueStore<String, CaseState> queryableStore() {
    return streams.store(StoreQueryParameters.fromNameAndType(CaseProcessor.STORE,
        QueryableStoreTypes.<String, CaseState>keyValueStore()));
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
