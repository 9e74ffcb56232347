package no.examhub.flow.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import no.examhub.ExamhubTopology;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.ProctoringResult;
import no.examhub.event.RawRequest;
import no.examhub.event.Result;
import no.examhub.event.Topics;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.json.Json;
import no.examhub.platform.streams.DeadLetter;
import no.examhub.testing.Drivers;
import no.examhub.testing.Wire;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Specification of proctoring results: vendor events and Proview ratings in, results out. */
class ProctoringResultsTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final String SESSION = "f46bd560-53f6-11eb-b441-492a960aa0ba";

  private TopologyTestDriver driver;
  private TestInputTopic<String, RawRequest> raw;
  private TestInputTopic<String, Outcome> outcomes;
  private TestOutputTopic<String, ProctoringResult> results;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @BeforeEach
  void setUp() {
    driver = Drivers.of("proctoring-results-test",
        builder -> ProctoringResultsTopology.addTo(builder, ExamhubConfig.defaults(),
            ExamhubTopology.proctoringReaders()));
    raw = Drivers.input(driver, Topics.RAW_PROCTORING);
    outcomes = Drivers.input(driver, Topics.OUTCOMES);
    results = Drivers.output(driver, Topics.PROCTORING_RESULTS);
    deadLetters = Drivers.output(driver, Topics.DEAD_LETTERS);
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void vendorResultReadyBecomesOneResultOnTheExamsKey() {
    raw.pipeInput("demo/exam-1", vendor("req-1", "result_ready", "resp-7"), T0);

    var out = results.readKeyValue();
    assertThat(out.key).isEqualTo("demo/exam-1");
    assertThat(out.value.source()).isEqualTo("examjoint");
    assertThat(out.value.kind()).isEqualTo("result_ready");
    assertThat(out.value.examId()).isEqualTo("exam-1");
    assertThat(out.value.respondentId()).isEqualTo("resp-7");
    assertThat(out.value.at()).isEqualTo(T0);
    assertThat(results.isEmpty()).isTrue();
  }

  @Test
  void theSameVendorEventDeliveredTwiceIsOneResult() {
    raw.pipeInput("demo/exam-1", vendor("req-1", "investigation_complete", "resp-7"), T0);
    raw.pipeInput("demo/exam-1", vendor("req-2", "investigation_complete", "resp-7"), T0.plusSeconds(20));

    assertThat(results.readValuesToList()).extracting(ProctoringResult::kind).containsExactly("investigation_complete");
  }

  @Test
  void admittedRespondentIsNotAResultAndNotADeadLetter() {
    raw.pipeInput("demo/exam-1", vendor("req-1", "admitted_respondent", "resp-7"), T0);

    assertThat(results.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void poisonVendorEventGoesToTheDeadLetters() {
    raw.pipeInput("demo/exam-1", request("req-1", "{not json"), T0);

    assertThat(results.isEmpty()).isTrue();
    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.sourceTopic()).isEqualTo(Topics.RAW_PROCTORING.name());
  }

  @Test
  void proviewFetchedSessionBecomesARatingResultOnTheExternalExamKey() {
    outcomes.pipeInput("demo/" + SESSION, fetchedSession(true), T0);

    var out = results.readKeyValue();
    assertThat(out.key).isEqualTo("demo/5506693");
    assertThat(out.value.source()).isEqualTo("proview");
    assertThat(out.value.kind()).isEqualTo("rating");
    assertThat(out.value.rating()).isEqualTo("Highly Suspicious");
    assertThat(out.value.respondentId()).isEqualTo(SESSION);
    assertThat(out.value.sessionStartedAt()).isEqualTo("2021-01-11T12:00:00Z");
    assertThat(out.value.systemInfo().path("os").asText()).isEqualTo("Windows");
  }

  @Test
  void failedOrOtherOutcomesAreNoResults() {
    outcomes.pipeInput("demo/" + SESSION, fetchedSession(false), T0);
    outcomes.pipeInput("demo/x", new Outcome("c2", "demo", Partner.FS, "register-appeal-decision", true, 1, null, null,
        new Result.FsSent(true, null), T0), T0);

    assertThat(results.isEmpty()).isTrue();
  }

  private static Outcome fetchedSession(boolean success) {
    var result = Json.MAPPER.createObjectNode().put("uuid", SESSION).put("external_id", "5506693")
        .put("final_rating", "Highly Suspicious").put("status", "completed")
        .put("session_started_at", "2021-01-11T12:00:00Z");
    result.putObject("system_info").put("os", "Windows");
    return new Outcome("c1", "demo", Partner.PROVIEW, "fetch-session", success, 1, success ? null : "500",
        null, success ? Wire.result(Partner.PROVIEW, "fetch-session", result) : null, T0);
  }

  private static RawRequest vendor(String requestId, String event, String respondent) {
    return request(requestId, "{\"event\":\"" + event + "\",\"respondent_id\":\"" + respondent
        + "\",\"exam_id\":\"exam-1\"}");
  }

  private static RawRequest request(String requestId, String body) {
    return new RawRequest(requestId, "proctoring", "demo", T0, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }
}
