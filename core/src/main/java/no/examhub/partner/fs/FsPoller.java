package no.examhub.partner.fs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.process.SupervisedSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls FS for appeals and explanation requests changed since each (institution, endpoint)
 * watermark and writes them to their topics; every so often re-reads the exams with open cases.
 *
 * <p>Each institution is read from its own FS server as its own FSWS user ({@link FsAccounts}).
 * A watermark advances only after the broker acknowledged every record of the poll (records and
 * the dead letters of records that could not be read), to the time the request was sent minus
 * {@link #OVERLAP}; a failure (FS down, 401, 5xx, an answer that is not a list, broker down) keeps
 * it, so the next poll asks for the same window again: no window is skipped. One institution
 * failing does not stop the others. An institution with no FS server or no FSWS user is not polled,
 * and that is never silent: {@code examhub.poller.unconfigured} counts it, its watermark's age gauge
 * keeps growing (from its stored watermark, or from when this poller first found it unconfigured)
 * so the stale-poller alert fires, and it is logged once per cause. Runs on one daemon thread, the
 * poll and the reconciliation each supervised ({@link SupervisedSchedule}, loops {@code fs-poller}
 * and {@code fs-reconcile}): a pass that throws past the per-institution guard (an Error, a
 * failing directory) is counted, reported to readiness and run again, never silently cancelled.
 */
public final class FsPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FsPoller.class);
  /**
   * FS's clock and ours differ, and FS may commit a change stamped just before our request after
   * answering it; re-asking for the last minute covers both. Dedup downstream makes it free.
   */
  static final Duration OVERLAP = Duration.ofMinutes(1);
  /** A poll's batch may be large and nothing but the next poll waits on it. */
  static final Duration ACK_WAIT = Duration.ofSeconds(30);

  private final Function<Institution, FsClient> clients;
  private final InstitutionDirectory institutions;
  private final DurableProducer producer;
  private final FsWatermarks watermarks;
  private final OpenExams openExams;
  private final Duration initialLookback;
  private final MeterRegistry registry;
  private final Clock clock;
  /** Institutions found unconfigured, by short name, with the cause last logged. */
  private final Map<String, String> unconfigured = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler = SupervisedSchedule.executor("fs-poller");
  private volatile SupervisedSchedule polls;
  private volatile SupervisedSchedule reconciliations;

  /** @param clients the institution's FS client; throws {@link FsAccounts.Unconfigured} when it has none */
  FsPoller(Function<Institution, FsClient> clients, InstitutionDirectory institutions, DurableProducer producer,
      FsWatermarks watermarks, OpenExams openExams, Duration initialLookback, MeterRegistry registry,
      Clock clock) {
    this.clients = clients;
    this.institutions = institutions;
    this.producer = producer;
    this.watermarks = watermarks;
    this.openExams = openExams;
    this.initialLookback = initialLookback;
    this.registry = registry;
    this.clock = clock;
    // Registered at zero, so a dashboard shows the series before the first record or failure.
    for (FsFeed<?, ?> feed : FsFeed.ALL) {
      records(feed.endpoint());
      failures(feed.endpoint());
      deadLetters(feed.endpoint());
    }
  }

  /** Polls now and every {@code interval}; reconciles every {@code reconcileInterval}, first after one. */
  FsPoller start(Duration interval, Duration reconcileInterval) {
    // Published so the stale-poller alert compares a watermark's age with this instance's own interval.
    Gauge.builder("examhub.poller.interval.seconds", () -> interval.toMillis() / 1000.0)
        .description("How often this instance polls FS (EXAMHUB_FS_POLL_INTERVAL)")
        .register(registry);
    polls = new SupervisedSchedule("fs-poller", scheduler, this::pollOnce, interval, registry, clock)
        .start(Duration.ZERO);
    reconciliations = new SupervisedSchedule("fs-reconcile", scheduler, this::reconcileOnce, reconcileInterval,
        registry, clock).start(reconcileInterval);
    return this;
  }

  /** Both passes are scheduled, and neither failed last time nor keeps failing: a readiness check. */
  public boolean healthy() {
    return polls != null && polls.healthy() && reconciliations != null && reconciliations.healthy();
  }

  /** One changed-since poll of every enabled endpoint of every active institution. */
  void pollOnce() {
    for (Institution institution : institutions.all()) {
      for (FsFeed<?, ?> feed : FsFeed.ALL) {
        if (institution.active() && feed.enabled().test(institution) && !scheduler.isShutdown()) {
          guarded(feed.endpoint(), institution, () -> pollSince(institution, feed));
        }
      }
    }
  }

  private void pollSince(Institution institution, FsFeed<?, ?> feed) {
    String name = institution.shortName();
    Optional<FsClient> client = clientFor(institution, feed.endpoint());
    if (client.isEmpty()) {
      return;
    }
    Instant from = watermarks.get(name, feed.endpoint())
        .orElseGet(() -> clock.instant().minus(initialLookback).truncatedTo(ChronoUnit.SECONDS));
    Instant sentAt = clock.instant();
    count(feed.endpoint(), feed.pollSince(client.get(), producer, institution, from, sentAt, ACK_WAIT));
    Instant next = sentAt.minus(OVERLAP).truncatedTo(ChronoUnit.SECONDS);
    // Never backwards: with a poll interval shorter than the overlap, `next` can precede `from`.
    watermarks.advance(name, feed.endpoint(), next.isAfter(from) ? next : from);
  }

  /** Re-reads every exam with an open case, whatever the watermarks say. */
  void reconcileOnce() {
    try {
      for (OpenExam exam : openExams.list()) {
        Optional<Institution> institution = institutions.find(exam.institution()).filter(Institution::active);
        for (FsFeed<?, ?> feed : FsFeed.ALL) {
          if (institution.isPresent() && feed.enabled().test(institution.get())) {
            String endpoint = feed.endpoint() + "-reconcile";
            guarded(endpoint, institution.get(), () -> clientFor(institution.get(), feed.endpoint()).ifPresent(
                client -> count(endpoint, feed.pollExam(client, producer, institution.get(), exam.vurdId(),
                    clock.instant(), ACK_WAIT))));
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot list the exams with open cases, reconciling next time: {}", e.toString());
    }
  }

  /**
   * The institution's client, or empty when it has no FS server or FSWS user: counted, its
   * watermark's age kept visible, logged when the cause is new (not on every poll).
   */
  private Optional<FsClient> clientFor(Institution institution, String endpoint) {
    String name = institution.shortName();
    try {
      FsClient client = clients.apply(institution);
      if (unconfigured.remove(name) != null) {
        LOG.info("FS is configured for {} again: polling it", name);
      }
      return Optional.of(client);
    } catch (FsAccounts.Unconfigured e) {
      Counter.builder("examhub.poller.unconfigured")
          .description("Polls not made because the institution has no FS server or FSWS user")
          .tags("institution", name, "endpoint", endpoint, "reason", e.code()).register(registry).increment();
      watermarks.track(name, endpoint);
      if (!e.code().equals(unconfigured.put(name, e.code()))) {
        LOG.warn("FS is not polled for {}: {} ({})", name, e.getMessage(), e.code());
      }
      return Optional.empty();
    }
  }

  private void count(String endpoint, FsFeed.Written written) {
    records(endpoint).increment(written.records());
    if (written.deadLetters() > 0) {
      deadLetters(endpoint).increment(written.deadLetters());
      LOG.warn("{} unreadable FS record(s) of {} set aside on {}", written.deadLetters(), endpoint,
          no.examhub.event.Topics.DEAD_LETTERS.name());
    }
  }

  /** A failure is logged (never with FS's data) and counted; the caller moves on to the next. */
  private void guarded(String endpoint, Institution institution, Runnable poll) {
    try {
      poll.run();
    } catch (RuntimeException e) {
      if (scheduler.isShutdown()) {
        return; // Interrupted by close(): not a failure of FS, and the watermark is kept anyway.
      }
      failures(endpoint).increment();
      LOG.warn("FS poll of {} for {} failed, keeping its watermark: {}", endpoint, institution.shortName(),
          e instanceof FsException ? e.getMessage() : e.getClass().getSimpleName());
    }
  }

  private Counter failures(String endpoint) {
    return Counter.builder("examhub.poller.failures").description("Polls that failed and will be repeated")
        .tag("endpoint", endpoint).register(registry);
  }

  /** The intake's dead-letter counter, so the alert on unreadable partner records covers FS's too. */
  private Counter deadLetters(String endpoint) {
    String feed = endpoint.endsWith("-reconcile") ? endpoint.substring(0, endpoint.length() - "-reconcile".length())
        : endpoint;
    return Counter.builder("examhub.intake.dead.letters")
        .description("Records that could not be read, set aside on the dead-letter topic")
        .tags("source", "fs:" + feed, "stage", FsDeadLetters.STAGE).register(registry);
  }

  private Counter records(String endpoint) {
    return Counter.builder("examhub.poller.records").description("Records polled and acknowledged by the broker")
        .tag("endpoint", endpoint).register(registry);
  }

  @Override
  public void close() {
    // A poll in flight may finish and store its watermark; one that hangs on FS is interrupted.
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
