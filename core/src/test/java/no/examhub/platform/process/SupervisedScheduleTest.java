package no.examhub.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import no.examhub.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A periodic task that throws is not cancelled: it is run again after a backoff, counted as a
 * restart, reported unhealthy until a run succeeds, and goes on with its work.
 */
class SupervisedScheduleTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ScheduledExecutorService executor = SupervisedSchedule.executor("test-schedules");

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void aRunThatThrowsIsRunAgainCountedAndReportedAndTheWorkGoesOn() {
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean sawUnhealthy = new AtomicBoolean();
    SupervisedSchedule[] schedule = new SupervisedSchedule[1];
    schedule[0] = new SupervisedSchedule("test-poller", executor, () -> {
      int run = runs.incrementAndGet();
      if (run == 2) {
        throw new IllegalStateException("injected fault");
      }
      if (run == 3) {
        throw new AssertionError("an Error, which no per-item guard catches");
      }
      if (run == 4) {
        sawUnhealthy.set(!schedule[0].healthy());
      }
      done.incrementAndGet();
    }, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(200), registry, Clock.systemUTC());

    schedule[0].start(Duration.ZERO);

    Eventually.holds(Duration.ofSeconds(10), () -> done.get() >= 5);
    assertThat(sawUnhealthy).as("unhealthy from a failed run to the next good one").isTrue();
    assertThat(registry.counter("examhub.loop.restarts", "loop", "test-poller").count()).isEqualTo(2);
    Eventually.holds(Duration.ofSeconds(5), schedule[0]::healthy);
    assertThat(registry.get("examhub.loop.up").tag("loop", "test-poller").gauge().value()).isEqualTo(1);
  }

  @Test
  void aTaskThatKeepsFailingStaysUnhealthyAndIsStillRetried() {
    AtomicInteger runs = new AtomicInteger();
    SupervisedSchedule schedule = new SupervisedSchedule("failing-poller", executor, () -> {
      runs.incrementAndGet();
      throw new IllegalStateException("always");
    }, Duration.ofMillis(20), Duration.ofMillis(5), Duration.ofMillis(20), registry, Clock.systemUTC())
        .start(Duration.ZERO);

    Eventually.holds(Duration.ofSeconds(5), () -> runs.get() >= 5);

    assertThat(schedule.healthy()).isFalse();
    assertThat(registry.get("examhub.loop.up").tag("loop", "failing-poller").gauge().value()).isZero();
  }

  @Test
  void aStoppedScheduleIsNotHealthy() {
    SupervisedSchedule schedule = new SupervisedSchedule("stopped-poller", executor, () -> { },
        Duration.ofMillis(20), registry, Clock.systemUTC()).start(Duration.ZERO);

    executor.shutdownNow();

    assertThat(schedule.healthy()).isFalse();
  }

  @Test
  void anOwnerThatShutsItsExecutorDownWaitsForNoDelayedRun() throws InterruptedException {
    AtomicInteger runs = new AtomicInteger();
    new SupervisedSchedule("hourly-poller", executor, runs::incrementAndGet, Duration.ofHours(1), registry,
        Clock.systemUTC()).start(Duration.ZERO);
    Eventually.holds(Duration.ofSeconds(5), () -> runs.get() == 1);

    executor.shutdown();

    assertThat(executor.awaitTermination(2, TimeUnit.SECONDS))
        .as("terminated without waiting out the hour to the next run").isTrue();
    assertThat(runs).as("and that run was dropped, not made while the owner closes").hasValue(1);
  }
}
