package no.examhub.platform.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what Streams restores from changelogs ({@code examhub_streams_restored_records_total} by
 * store). A clean restart should restore almost nothing; a large count after one means local state
 * was wiped (a crash, a lost state directory, or a defect such as the one
 * {@link CheckpointedWindowStores} works around), so it is visible, never silent.
 */
final class RestoreCounter implements StateRestoreListener {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreCounter.class);

  private final MeterRegistry registry;
  private final AtomicLong total = new AtomicLong();

  RestoreCounter(MeterRegistry registry) {
    this.registry = registry;
  }

  long total() {
    return total.get();
  }

  @Override
  public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
    LOG.info("restoring store {} from {} offsets {}..{}", store, partition, startingOffset, endingOffset);
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
    total.addAndGet(restored);
    Counter.builder("examhub.streams.restored.records")
        .description("Records restored from changelogs into local state stores")
        .tag("store", store)
        .register(registry)
        .increment(restored);
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    LOG.info("restored store {} from {}: {} records", store, partition, totalRestored);
  }
}
