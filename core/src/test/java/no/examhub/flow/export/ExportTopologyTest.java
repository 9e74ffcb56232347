package no.examhub.flow.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import no.examhub.event.Command;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamEventKinds;
import no.examhub.event.ExamSystem;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Result;
import no.examhub.event.Topics;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.testing.Drivers;
import no.examhub.testing.Wire;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The export flow alone: a finished export is downloaded, an ordered one too, and nothing orders one. */
class ExportTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private TopologyTestDriver driver;
  private TestInputTopic<String, ExamEvent> events;
  private TestInputTopic<String, Outcome> outcomes;
  private TestOutputTopic<String, Command> commands;

  @BeforeEach
  void setUp() {
    driver = Drivers.of("export-test", builder -> ExportTopology.addTo(builder, ExamhubConfig.defaults()));
    events = Drivers.input(driver, Topics.EXAM_EVENTS);
    outcomes = Drivers.input(driver, Topics.OUTCOMES);
    commands = Drivers.output(driver, Topics.COMMANDS_INSPERA);
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void aFinishedExportBecomesTheDownloadOfItsJobNeverAnOrder() {
    events.pipeInput("demo/35199862", finished("35199862", "job-7"));

    Command c = commands.readValue();
    assertThat(c.operation()).isEqualTo(Operations.DOWNLOAD_TEST_EVENTS);
    assertThat(Wire.payload(c).path("testId").asText()).isEqualTo("35199862");
    assertThat(Wire.payload(c).path("jobId").asText()).isEqualTo("job-7");
    assertThat(commands.isEmpty()).isTrue();
  }

  @Test
  void anOrderedExportsOutcomeBecomesTheSameDownloadCommandAsItsFinishedWebhook() {
    outcomes.pipeInput("demo/35199862", ordered("35199862", "job-7"));
    events.pipeInput("demo/35199862", finished("35199862", "job-7"));

    Command fromOrder = commands.readValue();
    Command fromWebhook = commands.readValue();
    assertThat(fromOrder.operation()).isEqualTo(Operations.DOWNLOAD_TEST_EVENTS);
    // One command id: dispatch's execution record lets only the first of them download.
    assertThat(fromWebhook.commandId()).isEqualTo(fromOrder.commandId());
  }

  @Test
  void aFailedOrderAndOtherOutcomesAreNotFollowed() {
    outcomes.pipeInput("demo/1", new Outcome("c1", "demo", Partner.INSPERA, Operations.EXPORT_TEST_EVENTS, false, 3,
        "503", "down", null, T0));
    outcomes.pipeInput("demo/1", new Outcome("c2", "demo", Partner.INSPERA, Operations.DOWNLOAD_TEST_EVENTS, true, 1,
        null, null, new Result.ExportDownloaded("1", "j", 0L, 0L, 0L), T0));

    assertThat(commands.isEmpty()).isTrue();
  }

  private static ExamEvent finished(String testId, String jobId) {
    return new ExamEvent("e-" + testId + jobId, "demo", ExamSystem.INSPERA, ExamEventKinds.EXPORT_FINISHED, testId,
        null, jobId, null, null, T0, T0, "req");
  }

  private static Outcome ordered(String testId, String jobId) {
    return new Outcome("order-" + testId, "demo", Partner.INSPERA, Operations.EXPORT_TEST_EVENTS, true, 1, null, null,
        new Result.ExportOrdered(testId, jobId), T0);
  }
}
