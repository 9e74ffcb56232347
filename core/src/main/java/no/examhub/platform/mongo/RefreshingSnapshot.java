package no.examhub.platform.mongo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory snapshot of a collection, re-read on an interval: the hot path never waits on a
 * database round trip, and changes take effect without a restart (the embedded store has no
 * change streams to push them). While the store is unreachable the last good snapshot is served.
 */
public final class RefreshingSnapshot<K, V> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshingSnapshot.class);

  private final String name;
  private final Supplier<Map<K, V>> loader;
  private final ScheduledExecutorService refresher;
  private volatile Map<K, V> current;

  public RefreshingSnapshot(String name, Supplier<Map<K, V>> loader, Duration interval) {
    this.name = name;
    this.loader = loader;
    this.current = Map.copyOf(loader.get());
    this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name + "-refresh");
      t.setDaemon(true);
      return t;
    });
    long every = interval.toMillis();
    refresher.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  public Map<K, V> get() {
    return current;
  }

  /** Re-reads now; an operator's update calls it so the change is seen at once. */
  public void refresh() {
    current = Map.copyOf(loader.get());
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("cannot refresh {}, keeping the last snapshot: {}", name, e.getMessage());
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
