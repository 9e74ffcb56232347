package no.examhub.ops.privacy;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import no.examhub.event.Topics;
import no.examhub.platform.config.Retention;
import no.examhub.platform.kafka.DurableProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the retention jobs outside Streams every {@code EXAMHUB_RETENTION_CHECK_INTERVAL}: the
 * MongoDB purge and the roster expiry. A failed run is counted
 * ({@code examhub_retention_failures_total{task}}, alert {@code ExamhubRetentionFailing}) and
 * retried at the next interval; it never stops the timer.
 */
public final class PrivacyJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PrivacyJobs.class);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "privacy-jobs");
    t.setDaemon(true);
    return t;
  });
  private final MeterRegistry registry;

  private PrivacyJobs(MeterRegistry registry) {
    this.registry = registry;
    registry.counter("examhub.retention.failures", "task", "records");
    registry.counter("examhub.retention.failures", "task", "roster");
  }

  public static PrivacyJobs start(Retention r, MongoDatabase database, KafkaStreams streams, DurableProducer producer,
      MeterRegistry registry, Clock clock) {
    PrivacyJobs jobs = new PrivacyJobs(registry);
    RecordPurge records = new RecordPurge(database, r.recordRetention(), registry);
    RosterExpiry roster = new RosterExpiry(RosterExpiry.of(streams),
        key -> producer.send(Topics.ROSTER, key, null), r.rosterRetention(), registry);
    long every = r.checkInterval().toMillis();
    jobs.timer.scheduleWithFixedDelay(() -> jobs.run("records", () -> records.purge(clock.instant())), every, every,
        TimeUnit.MILLISECONDS);
    jobs.timer.scheduleWithFixedDelay(() -> jobs.run("roster", () -> roster.expire(clock.instant())), every, every,
        TimeUnit.MILLISECONDS);
    return jobs;
  }

  private void run(String job, Callable<?> body) {
    try {
      body.call();
    } catch (Exception e) {
      // Counted and alerted; the next interval tries again (e.g. the store was restoring).
      registry.counter("examhub.retention.failures", "task", job).increment();
      LOG.warn("retention task {} failed: {}", job, e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
