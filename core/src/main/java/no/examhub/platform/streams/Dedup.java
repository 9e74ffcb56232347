package no.examhub.platform.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.Set;
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
 * Drops a record whose content hash was seen within the retention. The hashes live in a window
 * store whose retention equals the dedup window, so old hashes expire segment by segment with no
 * clean-up pass. Records with equal content must have equal keys (the key is derived from the
 * content), so duplicates meet in the same task without a repartition.
 */
public final class Dedup<V> implements FixedKeyProcessorSupplier<String, V, V> {
  private final String storeName;
  private final Duration retention;
  private final Function<V, String> hash;
  private final String flow;

  public Dedup(String storeName, Duration retention, Function<V, String> hash, String flow) {
    this.storeName = storeName;
    this.retention = retention;
    this.hash = hash;
    this.flow = flow;
  }

  @Override
  public Set<StoreBuilder<?>> stores() {
    return Set.of(Stores.windowStoreBuilder(
        CheckpointedWindowStores.persistent(storeName, retention, retention, false),
        Serdes.String(), Serdes.Long()));
  }

  @Override
  public FixedKeyProcessor<String, V, V> get() {
    return new Processor();
  }

  private final class Processor implements FixedKeyProcessor<String, V, V> {
    private FixedKeyProcessorContext<String, V> context;
    private WindowStore<String, Long> seen;
    private Counter duplicates;

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
      this.context = context;
      this.seen = context.getStateStore(storeName);
      this.duplicates = Counter.builder("examhub.intake.duplicates")
          .description("Records dropped because their content hash was seen before")
          .tag("flow", flow)
          .register(Metrics.globalRegistry);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
      String h = hash.apply(record.value());
      long ts = record.timestamp();
      try (WindowStoreIterator<Long> earlier = seen.fetch(h, ts - retention.toMillis(), ts)) {
        if (earlier.hasNext()) {
          duplicates.increment();
          return;
        }
      }
      seen.put(h, ts, ts);
      context.forward(record);
    }
  }
}
