package no.examhub.partner.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.simulator.fs.FsSimulator;
import no.examhub.testing.Eventually;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A poll that throws past the per-institution guard (here an Error from building the FS client)
 * no longer cancels the FS poller for good: it is counted as a restart of {@code fs-poller},
 * readiness reports it, and the next poll brings the appeal in.
 */
class FsPollerSupervisionTest {
  private final String vurdId = "SUP-" + UUID.randomUUID();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private FsPollerFixture fixture;

  @BeforeEach
  void start() {
    fixture = new FsPollerFixture(new Institution("sup", "6666", "6666", ExamSystem.WISEFLOW,
        "sup", "test", true, true, false, "", null, null), "sup-fsws", "sup-password", "fs-supervision-test");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aPollThatThrowsIsRestartedCountedReportedAndTheNextPollDoesItsWork() {
    fixture.fs.putAppeal(ExamSystem.WISEFLOW, "6666", Instant.now(), Map.of("vurdId", vurdId, "kandidatnr", "7",
        "personlopenr", "9000007", "klagestatus", "AKTIV"));
    AtomicInteger calls = new AtomicInteger();
    AtomicBoolean sawDown = new AtomicBoolean();
    FsPoller[] poller = new FsPoller[1];
    poller[0] = new FsPoller(institution -> {
      if (calls.incrementAndGet() == 1) {
        throw new AssertionError("injected fault");
      }
      sawDown.compareAndSet(false, !poller[0].healthy());
      return fixture.server.client(FsSimulator.TEST, "sup-fsws", "sup-password");
    }, fixture.institutions, fixture.producer, new FsWatermarks(fixture.database, registry, Clock.systemUTC()),
        Set::of, Duration.ofDays(30), registry, Clock.systemUTC());

    try (FsPoller running = poller[0].start(Duration.ofMillis(200), Duration.ofHours(1))) {
      assertThat(TopicReader.readUntil(fixture.bootstrap, Topics.FS_APPEALS, a -> vurdId.equals(a.vurdId()), 1,
          Duration.ofSeconds(30))).extracting(FsAppeal::caseKey).containsExactly("sup/" + vurdId + "/7");
      assertThat(sawDown).as("readiness reported the poller down until it ran again").isTrue();
      assertThat(registry.counter("examhub.loop.restarts", "loop", "fs-poller").count()).isEqualTo(1);
      Eventually.holds(Duration.ofSeconds(5), running::healthy);
      int before = calls.get();
      Eventually.holds(Duration.ofSeconds(5), () -> calls.get() > before + 2);
    }
  }
}
