package no.examhub.institution;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The institutions as the hot path sees them: an in-memory snapshot, re-read from MongoDB on an
 * interval so that configuration changes take effect without a restart (the embedded store has no
 * change streams) and no request waits on a database round trip.
 */
public final class InstitutionDirectory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InstitutionDirectory.class);

  private final InstitutionRepository repository;
  private final ScheduledExecutorService refresher;
  private volatile Map<String, Institution> byShortName = Map.of();

  public InstitutionDirectory(InstitutionRepository repository, Duration refreshInterval) {
    this.repository = repository;
    refresh();
    this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "institution-refresh");
      t.setDaemon(true);
      return t;
    });
    long every = refreshInterval.toMillis();
    refresher.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  public Optional<Institution> find(String shortName) {
    return Optional.ofNullable(byShortName.get(shortName));
  }

  public java.util.Collection<Institution> all() {
    return byShortName.values();
  }

  /** Re-reads now; the operator API calls it after an update so the change is seen at once. */
  public void refresh() {
    byShortName = repository.findAll().stream()
        .collect(Collectors.toUnmodifiableMap(Institution::shortName, Function.identity()));
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // Keep serving the last good snapshot while MongoDB is unreachable.
      LOG.warn("cannot refresh institution configuration, keeping the last one: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
