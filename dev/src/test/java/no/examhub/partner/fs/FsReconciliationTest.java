package no.examhub.partner.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.simulator.fs.FsSimulator;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciliation pass re-reads exams with open cases in full, whatever the watermarks say. */
class FsReconciliationTest {
  private static final Duration WITHIN = Duration.ofSeconds(20);

  private final String vurdId = "REC-" + UUID.randomUUID();
  private FsPollerFixture fixture;

  @BeforeEach
  void start() {
    fixture = new FsPollerFixture(new Institution("rec", "7777", "7777", ExamSystem.WISEFLOW,
        "rec", "test", true, true, true, "", null, null), "rec-fsws", "rec-password", "fs-reconciliation-test");
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void openExamIsReReadThroughThePerExamEndpointsAndNoWatermarkMoves() {
    Instant longAgo = Instant.now().minus(Duration.ofDays(400));
    fixture.fs.putAppeal(ExamSystem.WISEFLOW, "7777", longAgo, Map.of("vurdId", vurdId, "kandidatnr", "5",
        "personlopenr", "9000005", "klagestatus", "AKTIV"));
    fixture.fs.putExplanationRequest(ExamSystem.WISEFLOW, "7777", longAgo, Map.of("vurdId", vurdId, "kandidatnr", "6"));
    FsWatermarks watermarks = new FsWatermarks(fixture.database, new SimpleMeterRegistry(),
        Clock.systemUTC());
    FsPoller poller = new FsPoller(institution -> client(), fixture.institutions, fixture.producer, watermarks,
        () -> Set.of(new OpenExam("rec", vurdId), new OpenExam("unknown", "X")), Duration.ofDays(30),
        new SimpleMeterRegistry(), Clock.systemUTC());

    poller.reconcileOnce();

    assertThat(fixture.fs.requests()).extracting(FsSimulator.Request::path).containsExactlyInAnyOrder(
        "/fs/test/eksamen/klager/WISEFLOW/" + vurdId, "/fs/test/eksamen/begrunnelser/WISEFLOW/" + vurdId);
    assertThat(TopicReader.readUntil(fixture.bootstrap, Topics.FS_APPEALS, a -> vurdId.equals(a.vurdId()), 1, WITHIN))
        .extracting(FsAppeal::caseKey).containsExactly("rec/" + vurdId + "/5");
    assertThat(TopicReader.readUntil(fixture.bootstrap, Topics.FS_EXPLANATION_REQUESTS, r -> vurdId.equals(r.vurdId()),
        1, WITHIN)).extracting(FsExplanationRequest::caseKey).containsExactly("rec/" + vurdId + "/6");
    assertThat(watermarks.get("rec", "klager")).isEmpty();
    poller.close();
  }

  private FsClient client() {
    return fixture.server.client(FsSimulator.TEST, "rec-fsws", "rec-password");
  }
}
