package no.examhub.platform.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops a record whose content hash was seen within the retention of its timestamp, before or
 * after it (whichever copy reached the topic first passes). The hashes live in a window
 * store whose retention equals the dedup window, so old hashes expire segment by segment with no
 * clean-up pass. Records with equal content must have equal keys (the key is derived from the
 * content), so duplicates meet in the same task without a repartition.
 *
 * <p>{@link #marking} passes every record on instead, marked as first or repeat, for a flow that
 * records the repeats it ignores (the case timeline's "deduplicated").
 */
public final class Dedup<V> implements FixedKeyProcessorSupplier<String, V, V> {
  private final Window<V, V> window;

  public Dedup(String storeName, Duration retention, Function<V, String> hash, String flow) {
    this.window = new Window<>(storeName, retention, hash, flow, (v, repeat) -> repeat ? null : v);
  }

  /** A record with whether its content hash was seen within the retention. */
  public record Seen<V>(V value, boolean repeat) {}

  /** As {@link Dedup}, but a repeat is passed on marked {@link Seen#repeat()} (and still counted). */
  public static <V> FixedKeyProcessorSupplier<String, V, Seen<V>> marking(String storeName, Duration retention,
      Function<V, String> hash, String flow) {
    return new Window<>(storeName, retention, hash, flow, Seen::new);
  }

  @Override
  public Set<StoreBuilder<?>> stores() {
    return window.stores();
  }

  @Override
  public FixedKeyProcessor<String, V, V> get() {
    return window.get();
  }

  /** @param output what goes on for a record and whether it is a repeat; null for nothing */
  private record Window<V, O>(String storeName, Duration retention, Function<V, String> hash, String flow,
      BiFunction<V, Boolean, O> output) implements FixedKeyProcessorSupplier<String, V, O> {

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(Stores.windowStoreBuilder(
          CheckpointedWindowStores.persistent(storeName, retention, retention, false),
          Serdes.String(), Serdes.Long()));
    }

    @Override
    public FixedKeyProcessor<String, V, O> get() {
      return new Processor<>(this);
    }
  }

  private static final class Processor<V, O> implements FixedKeyProcessor<String, V, O> {
    private final Window<V, O> window;
    private FixedKeyProcessorContext<String, O> context;
    private WindowStore<String, Long> seen;
    private Counter duplicates;

    Processor(Window<V, O> window) {
      this.window = window;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, O> context) {
      this.context = context;
      this.seen = context.getStateStore(window.storeName());
      this.duplicates = Counter.builder("examhub.intake.duplicates")
          .description("Records dropped because their content hash was seen before")
          .tag("flow", window.flow())
          .register(Metrics.globalRegistry);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
      String h = window.hash().apply(record.value());
      long ts = record.timestamp();
      long retention = window.retention().toMillis();
      boolean repeat;
      // Both ways from this record's time: a copy can be on the topic before the original with a
      // later timestamp (a partner's retry at another instance while the first instance's produce
      // was still under way), and the original must then count as the repeat.
      try (WindowStoreIterator<Long> copies = seen.fetch(h, ts - retention, ts + retention)) {
        repeat = copies.hasNext();
      }
      if (repeat) {
        duplicates.increment();
      } else {
        seen.put(h, ts, ts);
      }
      O out = window.output().apply(record.value(), repeat);
      if (out != null) {
        context.forward(record.withValue(out));
      }
    }
  }
}
