package no.examhub.ops.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate-limits and aggregates alerts: the first alert opens a window of {@code interval}; at its
 * end everything that arrived is sent as one message, and the next window opens with the next
 * alert. So there is at most one message per interval, and an outage that dead-letters thousands
 * of commands gives one message a minute, not thousands. {@link #offer} only counts under a
 * short lock; blacklist reads and the Slack call happen on the aggregator's own thread, never in
 * a dispatch worker's.
 */
final class AlertAggregator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertAggregator.class);
  /** The flushing thread's name as a loop, in {@code examhub_loop_restarts_total}. */
  static final String LOOP = "alerts-slack";

  private final Duration interval;
  private final Supplier<List<BlacklistRule>> blacklist;
  private final AlertSink sink;
  private final MeterRegistry registry;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "alerts-slack");
    t.setDaemon(true);
    return t;
  });
  private AlertWindow window = new AlertWindow();
  private boolean flushScheduled;
  private volatile boolean failing;
  private final Counter restarts;

  AlertAggregator(Duration interval, Supplier<List<BlacklistRule>> blacklist, AlertSink sink, MeterRegistry registry) {
    this.interval = interval;
    this.blacklist = blacklist;
    this.sink = sink;
    this.registry = registry;
    registry.counter("examhub.alerts.sent");
    this.restarts = Counter.builder("examhub.loop.restarts")
        .description("Loops that died and were restarted").tag("loop", LOOP).register(registry);
  }

  /** The last flush did not die: a readiness check, with the consumer's ({@link Alerts#healthy()}). */
  boolean healthy() {
    return !failing && !thread.isShutdown();
  }

  void offer(Incident incident) {
    synchronized (this) {
      window.add(incident);
      if (flushScheduled) {
        return;
      }
      flushScheduled = true;
    }
    thread.schedule(this::flushAndReopen, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void flushAndReopen() {
    try {
      flush();
      failing = false;
    } catch (RuntimeException | Error e) {
      // Whatever it was, the next window must still be flushed: before, an Error here left
      // flushScheduled set for good, and no alert was sent again. Counted as a restart of the loop.
      failing = true;
      restarts.increment();
      LOG.error("loop {} died; flushing again in {}", LOOP, interval, e);
    }
    synchronized (this) {
      if (window.isEmpty()) {
        flushScheduled = false;
        return;
      }
    }
    thread.schedule(this::flushAndReopen, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends what arrived since the last flush, less the blacklisted; package-private for tests. */
  void flush() {
    AlertWindow closed;
    synchronized (this) {
      closed = window;
      window = new AlertWindow();
    }
    if (closed.isEmpty()) {
      return;
    }
    List<BlacklistRule> rules = rules();
    suppressed("blacklist", closed.remove(key -> rules.stream().anyMatch(r -> r.matches(key))));
    if (closed.isEmpty()) {
      return;
    }
    String text = SlackText.of(closed, interval);
    LOG.warn("alert: {}", text);
    if (!sink.configured()) {
      suppressed("no-webhook", closed.total());
    } else if (sink.send(text)) {
      registry.counter("examhub.alerts.sent").increment(closed.total());
      registry.counter("examhub.alerts.messages").increment();
    } else {
      suppressed("delivery-failed", closed.total());
    }
  }

  /** A store that cannot be read must not silence alerts: then nothing is blacklisted. */
  private List<BlacklistRule> rules() {
    try {
      return blacklist.get();
    } catch (RuntimeException e) {
      LOG.warn("cannot read the Slack blacklist, sending every alert: {}", e.getMessage());
      return List.of();
    }
  }

  private void suppressed(String reason, int count) {
    if (count > 0) {
      registry.counter("examhub.alerts.suppressed", "reason", reason).increment(count);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
