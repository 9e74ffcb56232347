package no.examhub.flow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import no.examhub.event.Command;
import no.examhub.event.CommandReplay;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.Operations;
import no.examhub.event.Partner;
import no.examhub.event.ReplayDecision;
import no.examhub.event.Topics;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.json.Json;
import no.examhub.testing.Drivers;
import no.examhub.testing.Wire;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A replayed dead letter goes through its case as it is now: still wanted, it is re-emitted; else refused. */
class ReplayTopologyTest {
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  private static final String CASE = "demo/INF1000-1/10001";

  private TopologyTestDriver driver;
  private TestInputTopic<String, FsAppeal> appeals;
  private TestInputTopic<String, CommandReplay> replays;
  private TestOutputTopic<String, ReplayDecision> decisions;
  private TestOutputTopic<String, Command> inspera;
  private TestOutputTopic<String, Command> proview;

  @BeforeEach
  void setUp() {
    // The replay gate reads the case processor's case-store, so the case flow is built with it.
    driver = Drivers.of("replay-test", builder -> {
      CaseTopology.addTo(builder, ExamhubConfig.defaults());
      ReplayTopology.addTo(builder);
    });
    appeals = Drivers.input(driver, Topics.FS_APPEALS);
    replays = Drivers.input(driver, Topics.COMMAND_REPLAYS);
    decisions = Drivers.output(driver, Topics.REPLAY_DECISIONS);
    inspera = Drivers.output(driver, Topics.COMMANDS_INSPERA);
    proview = Drivers.output(driver, Topics.COMMANDS_PROVIEW);
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void registerAppealForAnAppealFsHasSinceWithdrawnIsRefusedWithTheReason() {
    appeals.pipeInput(CASE, appeal(FsAppeal.ACTIVE));
    Command register = inspera.readValue();
    assertThat(register.operation()).isEqualTo(Operations.REGISTER_APPEAL);
    appeals.pipeInput(CASE, appeal(FsAppeal.WITHDRAWN));
    inspera.readValuesToList(); // the withdrawal

    replays.pipeInput(CASE, replay("r1", register));

    ReplayDecision d = decisions.readValue();
    assertThat(d.requestId()).isEqualTo("r1");
    assertThat(d.refused()).isTrue();
    assertThat(d.reason()).contains("FS has withdrawn the appeal");
    assertThat(inspera.isEmpty()).as("nothing goes to Inspera").isTrue();
  }

  @Test
  void registerAppealForAStillActiveAppealGoesBackToItsCommandTopicUnchanged() {
    appeals.pipeInput(CASE, appeal(FsAppeal.ACTIVE));
    Command register = inspera.readValue();

    replays.pipeInput(CASE, replay("r2", register));

    assertThat(decisions.readValue()).satisfies(d -> {
      assertThat(d.refused()).isFalse();
      assertThat(d.reason()).isNull();
    });
    assertThat(inspera.readKeyValue()).satisfies(kv -> {
      assertThat(kv.key).isEqualTo(CASE);
      assertThat(kv.value).isEqualTo(register);
    });
  }

  @Test
  void aCaseCommandWhoseCaseIsGoneIsRefused() {
    Command register = Wire.command("demo", Partner.INSPERA, Operations.REGISTER_APPEAL,
        Json.MAPPER.createObjectNode().put("round", 1), "x", T0);

    replays.pipeInput("demo/GONE-1/1", replay("r3", register));

    assertThat(decisions.readValue().reason()).contains("no longer exists");
    assertThat(inspera.isEmpty()).isTrue();
  }

  @Test
  void aCommandThatActsOnNoCaseGoesThrough() {
    Command fetch = Wire.command("demo", Partner.PROVIEW, "fetch-session",
        Json.MAPPER.createObjectNode().put("sessionUuid", "s-1"), "x", T0);

    replays.pipeInput("demo/s-1", replay("r4", fetch));

    assertThat(decisions.readValue().refused()).isFalse();
    assertThat(proview.readValuesToList()).containsExactly(fetch);
  }

  private static CommandReplay replay(String requestId, Command c) {
    return new CommandReplay(requestId, "examhub.commands.dead-letters:0:" + requestId, c, "operator", T0);
  }

  private static FsAppeal appeal(String status) {
    return new FsAppeal("demo", ExamSystem.INSPERA, "INF1000-1", "10001", status,
        LocalDate.parse("2026-06-20"), "K1", "K2", T0);
  }
}
