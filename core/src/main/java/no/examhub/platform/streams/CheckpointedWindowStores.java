package no.examhub.platform.streams;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Persistent window stores that keep their changelog offsets across a clean restart.
 *
 * <p>Why: since Kafka Streams 4.3 (KIP-1035) a RocksDB window store keeps its committed offset in
 * its segments. A window store with no open segment (nothing written yet in that partition, or
 * every segment expired) therefore has no offset to give back on the next start. Under
 * exactly-once, a persistent store without an offset in a non-empty task directory means "maybe
 * uncommitted data", so Streams declares the whole task corrupted and wipes every store of it,
 * case store included, and restores it from the changelog ("did not find checkpoint offsets while
 * stores are not empty"). {@code EmptyWindowStoreRestartTest} reproduces it with a plain window
 * store. The stores here say they do not manage their own offsets, so Streams keeps them in a
 * per-store {@code .checkpoint_<store>} file written on a clean close and deleted on open under
 * exactly-once: a clean restart restores nothing, a crash still restores everything.
 */
public final class CheckpointedWindowStores {
  private CheckpointedWindowStores() {}

  /** As {@link Stores#persistentWindowStore}, with offsets kept in a checkpoint file. */
  public static WindowBytesStoreSupplier persistent(String name, Duration retention, Duration windowSize,
      boolean retainDuplicates) {
    return new Supplier(Stores.persistentWindowStore(name, retention, windowSize, retainDuplicates));
  }

  private record Supplier(WindowBytesStoreSupplier inner) implements WindowBytesStoreSupplier {
    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public WindowStore<Bytes, byte[]> get() {
      return new LegacyOffsets(inner.get());
    }

    @Override
    public String metricsScope() {
      return inner.metricsScope();
    }

    @Override
    public long segmentIntervalMs() {
      return inner.segmentIntervalMs();
    }

    @Override
    public long windowSize() {
      return inner.windowSize();
    }

    @Override
    public boolean retainDuplicates() {
      return inner.retainDuplicates();
    }

    @Override
    public long retentionPeriod() {
      return inner.retentionPeriod();
    }
  }

  /** The RocksDB window store, except that it asks Streams to checkpoint its offsets. */
  static final class LegacyOffsets implements WindowStore<Bytes, byte[]> {
    private final WindowStore<Bytes, byte[]> inner;

    LegacyOffsets(WindowStore<Bytes, byte[]> inner) {
      this.inner = inner;
    }

    @Override
    @SuppressWarnings("deprecation")
    public boolean managesOffsets() {
      return false;
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
      return null;
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
      inner.commit(changelogOffsets);
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
      inner.init(context, root);
    }

    @Override
    public void close() {
      inner.close();
    }

    @Override
    public boolean persistent() {
      return inner.persistent();
    }

    @Override
    public boolean isOpen() {
      return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
      return inner.query(query, bound, config);
    }

    @Override
    public Position getPosition() {
      return inner.getPosition();
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
      inner.put(key, value, windowStartTimestamp);
    }

    @Override
    public byte[] fetch(Bytes key, long time) {
      return inner.fetch(key, time);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
      return inner.fetch(key, timeFrom, timeTo);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
      return inner.backwardFetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
      return inner.fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom,
        long timeTo) {
      return inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
      return inner.fetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
      return inner.backwardFetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
      return inner.all();
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
      return inner.backwardAll();
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, java.time.Instant timeFrom, java.time.Instant timeTo) {
      return inner.fetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, java.time.Instant timeFrom,
        java.time.Instant timeTo) {
      return inner.fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(java.time.Instant timeFrom, java.time.Instant timeTo) {
      return inner.fetchAll(timeFrom, timeTo);
    }
  }
}
