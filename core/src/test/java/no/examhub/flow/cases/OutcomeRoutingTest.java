package no.examhub.flow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.examhub.ExamhubTopology;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.ProctoringResult;
import no.examhub.event.Result;
import no.examhub.event.Topics;
import no.examhub.flow.export.ExportTopology;
import no.examhub.flow.proctoring.ProctoringResultsTopology;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.testing.Drivers;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outcomes are routed by operation: only the outcomes of case commands reach the case processor;
 * the others go to the flows that read them, and open no case.
 */
class OutcomeRoutingTest {
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  private static final String CASE = "demo/INF1000-1/10001";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TopologyTestDriver driver;

  @BeforeEach
  void setUp() {
    Metrics.addRegistry(registry);
    // The flows that read outcomes: a Proview rating and an export order must still reach theirs.
    ExamhubConfig config = ExamhubConfig.defaults();
    driver = Drivers.of("outcome-routing-test", builder -> {
      CaseTopology.addTo(builder, config);
      ExportTopology.addTo(builder, config);
      ProctoringResultsTopology.addTo(builder, config, ExamhubTopology.proctoringReaders());
    });
  }

  @AfterEach
  void tearDown() {
    driver.close();
    Metrics.removeRegistry(registry);
  }

  @Test
  void aProviewSessionOutcomeOpensNoCaseAndStillBecomesARating() {
    outcome("demo/5f0c9a2e-session", new Outcome("c-pv", "demo", Partner.PROVIEW, "fetch-session", true, 1, null, null,
        new Result.ProctoringSession("5f0c9a2e-session", "EXAM-1", "high", "completed", null, null, null, null, null),
        T0));

    assertThat(caseKeys()).isEmpty();
    List<ProctoringResult> ratings = Drivers.output(driver, Topics.PROCTORING_RESULTS).readValuesToList();
    assertThat(ratings).singleElement().satisfies(r -> assertThat(r.rating()).isEqualTo("high"));
    assertThat(skipped("fetch-session")).isEqualTo(1.0);
  }

  @Test
  void anExportOrderOutcomeOpensNoCaseAndStillOrdersTheDownload() {
    outcome("demo/35199862", new Outcome("c-ex", "demo", Partner.INSPERA, Operations.EXPORT_TEST_EVENTS, true, 1, null,
        null, new Result.ExportOrdered("35199862", "job-1"), T0));

    assertThat(caseKeys()).isEmpty();
    assertThat(Drivers.output(driver, Topics.COMMANDS_INSPERA).readValuesToList()).singleElement()
        .satisfies(c -> assertThat(c.operation()).isEqualTo(Operations.DOWNLOAD_TEST_EVENTS));
    assertThat(skipped(Operations.EXPORT_TEST_EVENTS)).isEqualTo(1.0);
  }

  @Test
  void anOutcomeOfAnOperationNoFlowKnowsOpensNoCaseAndIsCounted() {
    // Dispatch dead-letters such a command as UNKNOWN_OPERATION; its failure outcome must not open a case,
    // even keyed like one.
    outcome(CASE, new Outcome("c-x", "demo", Partner.INSPERA, "frobnicate", false, 1, "UNKNOWN_OPERATION",
        "Inspera cannot frobnicate", null, T0));
    outcome("demo/x", new Outcome("c-y", "demo", Partner.INSPERA, null, false, 1, "UNKNOWN_OPERATION", null, null, T0));

    assertThat(caseKeys()).isEmpty();
    assertThat(skipped("frobnicate")).isEqualTo(1.0);
    assertThat(skipped("none")).isEqualTo(1.0);
  }

  @Test
  void aCaseOperationsOutcomeStillReachesItsCase() {
    Drivers.input(driver, Topics.FS_APPEALS).pipeInput(CASE, new FsAppeal("demo", ExamSystem.INSPERA, "INF1000-1",
        "10001", FsAppeal.ACTIVE, LocalDate.parse("2026-06-20"), "K1", null, T0));
    Command register = Drivers.output(driver, Topics.COMMANDS_INSPERA).readValue();

    outcome(CASE, new Outcome(register.commandId(), "demo", Partner.INSPERA, register.operation(), true, 1, null, null,
        new Result.InsperaIds("35199862", "777"), T0));

    assertThat(caseKeys()).containsExactly(CASE);
    CaseState s = cases().get(CASE);
    assertThat(s.ids().testId()).isEqualTo("35199862");
    assertThat(s.history()).last().satisfies(h -> {
      assertThat(h.kind()).isEqualTo("outcome");
      assertThat(h.operation()).isEqualTo(Operations.REGISTER_APPEAL);
    });
    // Counters of earlier tests join the registry at zero: none of them may have counted.
    assertThat(registry.find(CaseTopology.NOT_OF_CASE).counters()).allSatisfy(c -> assertThat(c.count()).isZero());
  }

  private void outcome(String key, Outcome o) {
    Drivers.input(driver, Topics.OUTCOMES).pipeInput(key, o);
  }

  private double skipped(String operation) {
    return registry.get(CaseTopology.NOT_OF_CASE).tag("operation", operation).counter().count();
  }

  private KeyValueStore<String, CaseState> cases() {
    return driver.getKeyValueStore(CaseProcessor.STORE);
  }

  private List<String> caseKeys() {
    List<String> keys = new ArrayList<>();
    try (var it = cases().all()) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }
}
