package no.examhub.flow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import no.examhub.event.CaseForget;
import no.examhub.event.Command;
import no.examhub.event.ErasureRequest;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamEventKinds;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Result;
import no.examhub.event.Topics;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.kafka.Topic;
import no.examhub.testing.Drivers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Personal data in the case topology has an end: held events expire (counted), closed cases and
 * their Inspera links are tombstoned after their retention, and an erasure request removes every
 * case of one candidate and nothing else. Retention settings are the documented defaults
 * (held P30D, closed cases P180D, checked every PT1H).
 */
class CaseRetentionTest {
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  private static final String CASE = "demo/INF1000-1/10001";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, FsAppeal> appeals;
  private TestInputTopic<String, Outcome> outcomes;
  private TestInputTopic<String, ExamEvent> examEvents;
  private TestInputTopic<String, ErasureRequest> erasures;
  private TestOutputTopic<String, Command> inspera;
  private TestOutputTopic<String, CaseForget> forgets;

  @BeforeEach
  void setUp() {
    Metrics.addRegistry(registry);
    driver = Drivers.of("retention-test", T0, builder -> CaseTopology.addTo(builder, ExamhubConfig.defaults()));
    appeals = input(Topics.FS_APPEALS);
    outcomes = input(Topics.OUTCOMES);
    examEvents = input(Topics.EXAM_EVENTS);
    erasures = input(Topics.ERASURES);
    inspera = driver.createOutputTopic(Topics.COMMANDS_INSPERA.name(), Topics.COMMANDS_INSPERA.keySerde().deserializer(),
        Topics.COMMANDS_INSPERA.valueSerde().deserializer());
    forgets = driver.createOutputTopic(Topics.CASE_FORGETS.name(), Topics.CASE_FORGETS.keySerde().deserializer(),
        Topics.CASE_FORGETS.valueSerde().deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
    Metrics.removeRegistry(registry);
  }

  @Test
  void aHeldEventWhoseCaseNeverComesExpiresAfterItsExpiryAndIsCounted() {
    examEvents.pipeInput("demo/35199862", decision("35199862", "777", T0));
    examEvents.pipeInput("demo/35199862", decision("35199862", "778", T0.plus(Duration.ofDays(10))));
    assertThat(keys(ExamEventCorrelator.HELD_STORE)).hasSize(2);

    driver.advanceWallClockTime(Duration.ofDays(29));
    assertThat(keys(ExamEventCorrelator.HELD_STORE)).as("not yet expired").hasSize(2);

    driver.advanceWallClockTime(Duration.ofDays(2));
    assertThat(keys(ExamEventCorrelator.HELD_STORE)).as("only the younger one waits on")
        .singleElement().asString().contains("/778/");
    assertThat(registry.get("examhub.cases.held.events.expired").counter().count()).isEqualTo(1.0);
  }

  @Test
  void aClosedCaseIsTombstonedWithItsLinkAfterItsRetentionAndAnOpenOneIsKept() {
    String open = "demo/INF1000-1/10002";
    linkedCase(CASE, "10001", "777");
    linkedCase(open, "10002", "778");
    appeals.pipeInput(CASE, appeal("10001", FsAppeal.WITHDRAWN));
    inspera.readValuesToList();

    driver.advanceWallClockTime(Duration.ofDays(179));
    assertThat(cases().get(CASE)).as("closed, within its retention").isNotNull();

    driver.advanceWallClockTime(Duration.ofDays(2));
    assertThat(cases().get(CASE)).as("closed past its retention").isNull();
    assertThat(cases().get(open)).as("an open case is never forgotten").isNotNull();
    assertThat(keys(ExamEventCorrelator.LINKS_STORE)).containsExactly("demo/35199862/778");
    assertThat(forgets.readKeyValuesToList()).containsExactly(
        KeyValue.pair("demo/35199862", new CaseForget("demo", "35199862", "777", CaseForget.RETENTION)));
    assertThat(registry.get("examhub.cases.forgotten").tag("reason", "retention").counter().count()).isEqualTo(1.0);
  }

  @Test
  void anErasureRemovesEveryCaseOfTheCandidateTheirLinkAndTheirHeldEventsAndNothingElse() {
    String otherExam = "demo/INF2000-1/10001";
    String otherCandidate = "demo/INF1000-1/10002";
    linkedCase(CASE, "10001", "777");
    appeals.pipeInput(otherExam, new FsAppeal("demo", ExamSystem.INSPERA, "INF2000-1", "10001", FsAppeal.ACTIVE,
        LocalDate.parse("2026-06-20"), "K1", "K2", T0));
    linkedCase(otherCandidate, "10002", "778");
    examEvents.pipeInput("demo/35199862", new ExamEvent("e-held", "demo", ExamSystem.INSPERA,
        ExamEventKinds.EXPLANATION_PUBLISHED, "35199862", "test", "777", "candidate", null, T0, T0, "req"));
    examEvents.pipeInput("demo/35199999", decision("35199999", "555", T0));

    for (int copy = 0; copy < 2; copy++) {
      // The API writes one copy per partition; a second copy finds nothing left and is harmless.
      erasures.pipeInput("erasure-1", new ErasureRequest("erasure-1", "demo",
          ErasureRequest.candidateHash("demo", "10001"), T0));
    }

    assertThat(cases().get(CASE)).isNull();
    assertThat(cases().get(otherExam)).isNull();
    assertThat(cases().get(otherCandidate)).isNotNull();
    assertThat(keys(ExamEventCorrelator.LINKS_STORE)).containsExactly("demo/35199862/778");
    assertThat(keys(ExamEventCorrelator.HELD_STORE)).as("events of other, unlinked candidates wait on")
        .singleElement().asString().startsWith("demo/35199999/555/");
    assertThat(registry.get("examhub.cases.forgotten").tag("reason", "erasure").counter().count()).isEqualTo(2.0);
  }

  /** An active appeal registered at Inspera, whose outcome links the candidate's Inspera user id. */
  private void linkedCase(String caseKey, String kandidatnr, String candidateUserId) {
    appeals.pipeInput(caseKey, appeal(kandidatnr, FsAppeal.ACTIVE));
    Command register = inspera.readValuesToList().stream()
        .filter(c -> Operations.REGISTER_APPEAL.equals(c.operation())).findFirst().orElseThrow();
    outcomes.pipeInput(caseKey, new Outcome(register.commandId(), "demo", Partner.INSPERA, register.operation(), true, 1,
        null, null, new Result.InsperaIds("35199862", candidateUserId), T0));
  }

  private static FsAppeal appeal(String kandidatnr, String status) {
    return new FsAppeal("demo", ExamSystem.INSPERA, "INF1000-1", kandidatnr, status, LocalDate.parse("2026-06-20"),
        "K1", "K2", T0);
  }

  private static ExamEvent decision(String testId, String candidateUserId, Instant receivedAt) {
    return new ExamEvent("e-" + testId + candidateUserId, "demo", ExamSystem.INSPERA, ExamEventKinds.APPEAL_DECISION, testId, "test",
        candidateUserId, "candidate", null, receivedAt, receivedAt, "req");
  }

  private KeyValueStore<String, CaseState> cases() {
    return driver.getKeyValueStore(CaseProcessor.STORE);
  }

  private List<String> keys(String store) {
    KeyValueStore<String, Object> s = driver.getKeyValueStore(store);
    try (var it = s.all()) {
      List<String> keys = new java.util.ArrayList<>();
      it.forEachRemaining(kv -> keys.add(kv.key));
      return keys;
    }
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), T0,
        Duration.ofMillis(1));
  }
}
