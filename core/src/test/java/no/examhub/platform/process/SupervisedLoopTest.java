package no.examhub.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import no.examhub.testing.Eventually;
import org.junit.jupiter.api.Test;

/** A loop that dies is restarted afresh, counted, and reported unhealthy while it keeps dying. */
class SupervisedLoopTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void aLoopThatDiesIsRestartedAndCounted() throws Exception {
    AtomicInteger built = new AtomicInteger();
    CountDownLatch runningForGood = new CountDownLatch(1);
    try (SupervisedLoop loop = new SupervisedLoop("test-loop", () -> new Body(built.incrementAndGet() <= 2, runningForGood),
        Duration.ofMillis(10), Duration.ofMillis(50), registry, Clock.systemUTC()).start()) {

      assertThat(runningForGood.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(built.get()).isEqualTo(3);
      assertThat(registry.counter("examhub.loop.restarts", "loop", "test-loop").count()).isEqualTo(2);
      Eventually.holds(Duration.ofSeconds(5), loop::healthy);
    }
  }

  @Test
  void aLoopThatKeepsDyingIsNotHealthy() {
    AtomicInteger built = new AtomicInteger();
    try (SupervisedLoop loop = new SupervisedLoop("dying-loop", () -> new Body(true, new CountDownLatch(1)) {
      @Override
      public void run() {
        built.incrementAndGet();
        super.run();
      }
    }, Duration.ofMillis(5), Duration.ofMillis(20), registry, Clock.systemUTC()).start()) {
      Eventually.holds(Duration.ofSeconds(5), () -> built.get() >= 4);

      assertThat(loop.healthy()).isFalse();
    }
  }

  /**
   * Each loop's last step after it is told to stop (a consumer leaving its group) waits here for
   * the other loop to be told too: closed one after another, the first would wait in vain.
   */
  @Test
  void loopsClosedTogetherAreAllToldToStopBeforeAnyIsWaitedFor() throws Exception {
    CountDownLatch running = new CountDownLatch(2);
    CountDownLatch told = new CountDownLatch(2);
    AtomicInteger sawTheOther = new AtomicInteger();
    List<SupervisedLoop> loops = new ArrayList<>();
    for (String name : List.of("worker-a", "worker-b")) {
      loops.add(new SupervisedLoop(name, () -> new Body(false, running) {
        @Override
        public void run() {
          super.run();
          try {
            if (told.await(3, TimeUnit.SECONDS)) {
              sawTheOther.incrementAndGet();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }

        @Override
        public void close() {
          told.countDown();
          super.close();
        }
      }, Duration.ofMillis(10), Duration.ofMillis(50), registry, Clock.systemUTC()).start());
    }
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    SupervisedLoop.closeAll(loops);

    assertThat(sawTheOther).as("both loops were told before either was waited for").hasValue(2);
    assertThat(loops).noneMatch(SupervisedLoop::healthy);
  }

  /** Dies at once, or runs until closed. */
  private static class Body implements SupervisedLoop.Body {
    private final boolean dies;
    private final CountDownLatch running;
    private final CountDownLatch closed = new CountDownLatch(1);

    Body(boolean dies, CountDownLatch running) {
      this.dies = dies;
      this.running = running;
    }

    @Override
    public void run() {
      if (dies) {
        throw new IllegalStateException("commitSync failed after a rebalance");
      }
      running.countDown();
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }
}
