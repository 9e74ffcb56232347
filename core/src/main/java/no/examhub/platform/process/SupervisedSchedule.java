package no.examhub.platform.process;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A periodic task (a poller) run like a {@link SupervisedLoop}: a run that throws, whatever it
 * throws, is logged, counted as a restart ({@code examhub_loop_restarts_total} by loop, so the
 * alert {@code ExamhubLoopRestarting} covers it) and run again after a doubling backoff, then on
 * its interval once a run succeeds. {@link #healthy()} is false from a failed run to the next good
 * one, and while it keeps failing (3 in 10 minutes), for readiness. Before, a
 * {@code scheduleWithFixedDelay} whose task threw was cancelled for good without a word: the
 * executor keeps the exception in a future nobody reads.
 *
 * <p>The task runs on the owner's executor, so several schedules of one owner can share its one
 * thread (and never overlap); the owner shuts the executor down, which stops the schedule. Make
 * that executor with {@link #executor(String)}.
 */
public final class SupervisedSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(SupervisedSchedule.class);
  public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  public static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private final String name;
  private final ScheduledExecutorService executor;
  private final Runnable task;
  private final Duration interval;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Clock clock;
  private final Counter restarts;
  private final Deaths deaths = new Deaths(3, Duration.ofMinutes(10));
  private volatile boolean failing;
  private Duration backoff;

  /**
   * The one-thread executor for an owner's schedules. Each run is scheduled once, by the run before
   * it, so a plain scheduled executor would still run the next, delayed one after {@code shutdown()}:
   * an owner waiting for it to terminate sat out the rest of the interval (5 s of every clean stop
   * was the FS poller's), and then polled once more while everything else was closing. This one
   * drops the delayed runs on {@code shutdown()} and lets only the run under way finish.
   */
  public static ScheduledExecutorService executor(String threadName) {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /** Restarts after {@link #FIRST_BACKOFF}, doubling to {@link #MAX_BACKOFF}. */
  public SupervisedSchedule(String name, ScheduledExecutorService executor, Runnable task, Duration interval,
      MeterRegistry registry, Clock clock) {
    this(name, executor, task, interval, FIRST_BACKOFF, MAX_BACKOFF, registry, clock);
  }

  public SupervisedSchedule(String name, ScheduledExecutorService executor, Runnable task, Duration interval,
      Duration firstBackoff, Duration maxBackoff, MeterRegistry registry, Clock clock) {
    this.name = name;
    this.executor = executor;
    this.task = task;
    this.interval = interval;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.backoff = firstBackoff;
    this.clock = clock;
    this.restarts = Counter.builder("examhub.loop.restarts").description("Loops that died and were restarted")
        .tag("loop", name).register(registry);
    Gauge.builder("examhub.loop.up", this, s -> s.failing || s.executor.isShutdown() ? 0 : 1)
        .description("1 while the loop runs").tag("loop", name).register(registry);
  }

  /** First run after {@code initialDelay}, then every {@code interval} after the end of the last. */
  public SupervisedSchedule start(Duration initialDelay) {
    schedule(initialDelay);
    return this;
  }

  /** Its last run did not fail, it does not keep failing, and its executor runs. */
  public boolean healthy() {
    return !failing && !executor.isShutdown() && deaths.stable(clock.instant());
  }

  public String name() {
    return name;
  }

  private void runOnce() {
    Duration next;
    try {
      task.run();
      failing = false;
      backoff = firstBackoff;
      next = interval;
    } catch (RuntimeException | Error e) {
      if (executor.isShutdown()) {
        return; // Interrupted by the owner's close: not a death.
      }
      failing = true;
      restarts.increment();
      deaths.record(clock.instant());
      LOG.error("loop {} died; restarting it in {}", name, backoff, e);
      next = backoff;
      backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }
    schedule(next);
  }

  private void schedule(Duration delay) {
    try {
      executor.schedule(this::runOnce, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shutDown) {
      // The owner is closing: nothing more to run.
    }
  }
}
