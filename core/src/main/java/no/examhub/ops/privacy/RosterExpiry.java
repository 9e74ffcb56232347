package no.examhub.ops.privacy;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import no.examhub.event.RosterEntry;
import no.examhub.flow.proctoring.RosterTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Tombstones roster entries on {@code examhub.roster} once their last upload is older than
 * {@code EXAMHUB_ROSTER_RETENTION}. The roster says nothing of when an exam ends, so the clock
 * starts at the upload (the record's timestamp, kept by the global store); an operator who
 * uploads a roster long before the exam re-uploads it, which renews it. Runs outside Streams: the
 * roster is a global table, whose processors may not write, so the tombstones are produced like an
 * upload's. Counted as {@code examhub_roster_expired_total}.
 */
final class RosterExpiry {
  private final Supplier<ReadOnlyKeyValueStore<String, ValueAndTimestamp<RosterEntry>>> store;
  private final Function<String, CompletableFuture<?>> tombstone;
  private final Duration retention;
  private final MeterRegistry registry;

  RosterExpiry(Supplier<ReadOnlyKeyValueStore<String, ValueAndTimestamp<RosterEntry>>> store,
      Function<String, CompletableFuture<?>> tombstone, Duration retention, MeterRegistry registry) {
    this.store = store;
    this.tombstone = tombstone;
    this.retention = retention;
    this.registry = registry;
  }

  static Supplier<ReadOnlyKeyValueStore<String, ValueAndTimestamp<RosterEntry>>> of(KafkaStreams streams) {
    return () -> streams.store(StoreQueryParameters.fromNameAndType(RosterTopology.STORE,
        QueryableStoreTypes.timestampedKeyValueStore()));
  }

  int expire(Instant now) throws Exception {
    long cutoff = now.minus(retention).toEpochMilli();
    List<CompletableFuture<?>> acks = new ArrayList<>();
    try (KeyValueIterator<String, ValueAndTimestamp<RosterEntry>> it = store.get().all()) {
      while (it.hasNext()) {
        var kv = it.next();
        if (kv.value != null && kv.value.timestamp() < cutoff) {
          acks.add(tombstone.apply(kv.key));
        }
      }
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    registry.counter("examhub.roster.expired").increment(acks.size());
    return acks.size();
  }
}
