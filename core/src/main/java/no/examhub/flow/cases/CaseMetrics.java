package no.examhub.flow.cases;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of open cases by flow and state and of the archive backlog, from this instance's part of
 * {@code case-store}. A daemon thread recounts every interval; a scrape only reads the last count,
 * so a scrape every few seconds never walks a large store. Each instance reports its own
 * partitions: sum over instances in Prometheus.
 */
public final class CaseMetrics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CaseMetrics.class);

  private final AtomicReference<CaseCensus> census = new AtomicReference<>(CaseCensus.EMPTY);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "case-metrics");
    t.setDaemon(true);
    return t;
  });

  private CaseMetrics(MeterRegistry registry) {
    for (String[] pair : CaseCensus.OPEN_STATES) {
      Gauge.builder("examhub.cases.open", census, c -> c.get().open(pair[0], pair[1]))
          .description("Open cases on this instance's partitions, by flow and state")
          .tags("flow", pair[0], "state", pair[1])
          .register(registry);
    }
    Gauge.builder("examhub.archive.held", census, c -> c.get().thesesHeld())
        .description("Graded theses held for their deadlines, not yet archived")
        .register(registry);
    Gauge.builder("examhub.archive.next.due.seconds", census, c -> c.get().nextDue())
        .description("Seconds until the earliest held thesis is due for archiving (negative: overdue)")
        .register(registry);
  }

  public static CaseMetrics start(CaseQueries cases, MeterRegistry registry, Duration every, Clock clock) {
    CaseMetrics metrics = new CaseMetrics(registry);
    metrics.timer.scheduleWithFixedDelay(() -> metrics.recount(cases, clock), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return metrics;
  }

  private void recount(CaseQueries cases, Clock clock) {
    try {
      census.set(CaseCensus.of(cases.all(), clock.instant()));
    } catch (RuntimeException e) {
      // Keep the last count and try again next time; a failed count must not stop the timer.
      LOG.warn("cannot count cases: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
