package no.examhub.platform.process;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a long-lived loop (a dispatch worker, a feed, a poller) on its own thread and restarts it,
 * built afresh, whenever it dies: with a doubling backoff, a restart counted
 * ({@code examhub_loop_restarts_total} by loop), and {@link #healthy()} false while it is down or
 * keeps dying, for readiness. Before, a RuntimeException ended such a thread for good with one log
 * line, readiness stayed green, and that partner's work stopped.
 */
public final class SupervisedLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SupervisedLoop.class);
  /** A run that lasted this long was healthy: the next failure starts from the first backoff again. */
  private static final Duration HEALTHY_RUN = Duration.ofMinutes(1);

  /** One run of the loop: {@link #run()} returns only after {@link #close()}; anything else is a death. */
  public interface Body extends Runnable, AutoCloseable {
    @Override
    void close();
  }

  private final String name;
  private final Supplier<? extends Body> factory;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Clock clock;
  private final Counter restarts;
  private final Deaths deaths = new Deaths(3, Duration.ofMinutes(10));
  private final Thread thread;
  private volatile Body current;
  private volatile boolean up;
  private volatile boolean closed;
  private final CountDownLatch stopped = new CountDownLatch(1);

  public SupervisedLoop(String name, Supplier<? extends Body> factory, Duration firstBackoff, Duration maxBackoff,
      MeterRegistry registry, Clock clock) {
    this.name = name;
    this.factory = factory;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.clock = clock;
    this.restarts = Counter.builder("examhub.loop.restarts").description("Loops that died and were restarted")
        .tag("loop", name).register(registry);
    Gauge.builder("examhub.loop.up", this, l -> l.up ? 1 : 0).description("1 while the loop runs")
        .tag("loop", name).register(registry);
    this.thread = new Thread(this::supervise, name);
    thread.setDaemon(true);
  }

  public SupervisedLoop start() {
    thread.start();
    return this;
  }

  /** Running now, and not dying again and again (3 deaths within 10 minutes). */
  public boolean healthy() {
    return up && deaths.stable(clock.instant());
  }

  public String name() {
    return name;
  }

  private void supervise() {
    Duration backoff = firstBackoff;
    while (!closed) {
      Instant started = clock.instant();
      try {
        current = factory.get();
        up = true;
        current.run();
        if (closed) {
          return;
        }
        LOG.error("loop {} returned while it should run; restarting it", name);
      } catch (RuntimeException | Error e) {
        if (closed) {
          return;
        }
        LOG.error("loop {} died; restarting it in {}", name, backoff, e);
      } finally {
        up = false;
        closeQuietly(current);
      }
      restarts.increment();
      deaths.record(clock.instant());
      if (Duration.between(started, clock.instant()).compareTo(HEALTHY_RUN) >= 0) {
        backoff = firstBackoff;
      }
      if (!pause(backoff)) {
        return;
      }
      backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }
  }

  /** Waits out the backoff; false when the loop was closed meanwhile. */
  private boolean pause(Duration backoff) {
    try {
      return !stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void closeQuietly(Body body) {
    if (body == null) {
      return;
    }
    try {
      body.close();
    } catch (RuntimeException e) {
      LOG.warn("closing loop {} failed: {}", name, e.toString());
    }
  }

  @Override
  public void close() {
    stop();
    awaitEnd();
  }

  /**
   * Closes these loops together: each is told to stop, then each is waited for, so their consumers
   * leave their groups at the same time rather than one after another (a dispatch instance's
   * workers took 1.4 s to close in turn).
   */
  public static void closeAll(List<SupervisedLoop> loops) {
    loops.forEach(SupervisedLoop::stop);
    loops.forEach(SupervisedLoop::awaitEnd);
  }

  private void stop() {
    closed = true;
    stopped.countDown();
    // Never an interrupt: a body interrupted between a partner's answer and its execution record
    // would lose the record (the store refuses an interrupted thread) and the call would be repeated.
    Body body = current;
    if (body != null) {
      closeQuietly(body);
    }
  }

  private void awaitEnd() {
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
