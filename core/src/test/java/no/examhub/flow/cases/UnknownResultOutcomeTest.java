package no.examhub.flow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.Outcome;
import no.examhub.event.Result;
import no.examhub.event.Topics;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.testing.Drivers;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** An applied change whose answer could not be read: the case records it and goes on as applied. */
class UnknownResultOutcomeTest {
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  private static final String CASE = "demo/INF1000-1/10001";

  @Test
  void theCaseRecordsAnAppliedResultUnknownAndKeepsTheIdsKnownWithoutTheAnswer() {
    try (TopologyTestDriver driver = Drivers.of("unknown-outcome-test",
        builder -> CaseTopology.addTo(builder, ExamhubConfig.defaults()))) {
      Drivers.input(driver, Topics.FS_APPEALS).pipeInput(CASE, new FsAppeal("demo", ExamSystem.INSPERA, "INF1000-1",
          "10001", FsAppeal.ACTIVE, LocalDate.parse("2026-06-20"), "K1", null, T0));
      Command register = Drivers.output(driver, Topics.COMMANDS_INSPERA).readValue();

      Drivers.input(driver, Topics.OUTCOMES).pipeInput(CASE, new Outcome(register.commandId(), "demo",
          register.partner(), register.operation(), true, 1, "UNREADABLE_ANSWER", "POST ... answered 200 with a body"
          + " that is not JSON", new Result.InsperaIds("T-1", "U-1"), T0,
          Outcome.Status.APPLIED_RESULT_UNKNOWN));

      KeyValueStore<String, CaseState> cases = driver.getKeyValueStore(CaseProcessor.STORE);
      CaseState s = cases.get(CASE);
      assertThat(s.history()).last().satisfies(h -> {
        assertThat(h.success()).isTrue();
        assertThat(h.note()).startsWith("applied, result unknown: UNREADABLE_ANSWER");
      });
      assertThat(s.ids().testId()).isEqualTo("T-1");
      assertThat(s.appeal().status()).isEqualTo(CaseState.AppealStatus.ACTIVE);
    }
  }
}
