package no.examhub;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.flow.cases.CaseQueries;
import no.examhub.flow.cases.CaseState;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerSettings;
import no.examhub.institution.WebhookSecrets;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.simulator.wiseflow.WiseflowFlows;
import no.examhub.simulator.wiseflow.WiseflowSimulator;
import no.examhub.testing.Eventually;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The WISEflow appeal from end to end in the embedded stack: an active appeal from FS becomes a
 * reassessment flow in WISEflow, and the case records it. The institution is this test's own,
 * with its own WISEflow key: hubs started later on the shared broker replay its appeal without
 * credentials and never reach their simulators.
 */
class WiseflowAppealEndToEndTest {
  private static final String INSTITUTION = "wiseflow-e2e";
  @RegisterExtension
  static final TestHub hub = TestHub.perClass().seeded(WiseflowAppealEndToEndTest::seed).awaitingStreams();

  private static void seed(MongoDatabase store) {
    try (PartnerCredentialsRepository credentials = new PartnerCredentialsRepository(store, Duration.ofHours(1))) {
      credentials.save(new PartnerCredentials(INSTITUTION, Partner.WISEFLOW, "", WiseflowSimulator.API_KEY));
    }
    // Its own WISEflow licence (x-api-key by default); no FS feeds, the appeal is written below.
    new InstitutionRepository(store).save(new Institution(INSTITUTION, "e2e", "e2e",
        ExamSystem.WISEFLOW, "e2e", "test", true, false, false, "", WebhookSecrets.NONE, PartnerSettings.DEFAULTS));
  }

  @Test
  void anActiveFsAppealBecomesAReassessmentFlowThatTheCaseRecords() throws Exception {
    String kandidatnr = "201";
    FsAppeal appeal = new FsAppeal(INSTITUTION, ExamSystem.WISEFLOW, WiseflowFlows.DEMO_SIS_CODE, kandidatnr,
        FsAppeal.ACTIVE, LocalDate.of(2026, 12, 15), "K1", "K2", Instant.now());
    try (DurableProducer producer = new DurableProducer(hub.hub().bootstrapServers(), "e2e-fs", 5000,
        new SimpleMeterRegistry())) {
      producer.send(Topics.FS_APPEALS, appeal.caseKey(), appeal).get();
    }

    Command reassess = only(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.COMMANDS_WISEFLOW,
        c -> INSTITUTION.equals(c.institution()) && Operations.CREATE_REASSESSMENT.equals(c.operation()), 1,
        Duration.ofSeconds(60)));
    Outcome outcome = only(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.OUTCOMES,
        o -> o.commandId().equals(reassess.commandId()), 1, Duration.ofSeconds(60)));

    assertThat(outcome.success()).isTrue();
    WiseflowSimulator wiseflow = hub.simulators().orElseThrow().wiseflow();
    assertThat(wiseflow.script().calls()).filteredOn(c -> reassess.commandId().equals(c.idempotencyKey()))
        .extracting(c -> c.method() + " " + c.path()).contains("POST /wiseflow/v1/flow/9001/reassessment");
    CaseQueries cases = new CaseQueries(hub.hub().streams().unwrap());
    AtomicReference<CaseState> state = new AtomicReference<>();
    Eventually.holds(Duration.ofSeconds(30), () -> {
      Optional<CaseState> found = cases.find(appeal.caseKey());
      found.ifPresent(state::set);
      return found.map(s -> s.ids().reassessmentFlowId() != null).orElse(false);
    });
    assertThat(state.get().ids().reassessmentFlowId()).isEqualTo(Wire.text(outcome, "reassessmentFlowId"));
    assertThat(state.get().ids().participantId()).isEqualTo("70201");
    assertThat(state.get().appeal().status()).isEqualTo(CaseState.AppealStatus.ACTIVE);
  }

  private static <T> T only(List<T> found) {
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
