package no.examhub.partner.inspera;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import no.examhub.event.Alert;
import no.examhub.event.CandidateEvent;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.simulator.inspera.GeneratedExport;
import no.examhub.simulator.inspera.InsperaSimulator;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 000's test-events export as a chain of commands: ordered, polled when due (through
 * dispatch's retry topic, never a sleep in the worker), downloaded and fanned out; the finished
 * webhook downloads the export it announces and never orders one; a job that never finishes ends
 * as a dead letter with its code.
 */
class InsperaExportTest {
  // Three attempts keep the never-finishing job's test short: 1 s and 2 s of backoff.
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_DISPATCH_MAX_ATTEMPTS", "10,inspera=3"))
      .awaitingStreams();
  private static InsperaSimulator inspera;

  @BeforeAll
  static void start() {
    inspera = hub.simulators().orElseThrow().inspera();
  }

  @Test
  void anOrderedExportIsPolledWhenDueThenFannedOutCompletelyWithItsHighSeverityFlagsAsAlerts() throws Exception {
    String testId = newTestId();
    GeneratedExport.Spec spec = new GeneratedExport.Spec(50, 200, 40);
    inspera.putExport(testId, spec);
    Command export = Wire.command("demo", Partner.INSPERA, Operations.EXPORT_TEST_EVENTS,
        Json.MAPPER.createObjectNode().put("testId", testId).put("trigger", "spec"), "test", Instant.now());
    send(testId, export);

    Outcome ordered = the(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.OUTCOMES,
        o -> o.commandId().equals(export.commandId()), 1, Duration.ofSeconds(60)));
    Outcome outcome = downloadOutcome(testId);

    assertThat(ordered.success()).isTrue();
    assertThat(Wire.text(ordered, "jobId")).isNotBlank();
    assertThat(outcome.success()).isTrue();
    assertThat(Wire.text(outcome, "jobId")).isEqualTo(Wire.text(ordered, "jobId"));
    // The first poll found the job pending: the download waited on the retry topic and ran again.
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(Wire.result(outcome).path("candidates").asLong()).isEqualTo(50);
    assertThat(Wire.result(outcome).path("events").asLong()).isEqualTo(spec.events());
    assertThat(Wire.result(outcome).path("flagged").asLong()).isEqualTo(spec.highlyFlagged());
    List<Map.Entry<String, CandidateEvent>> events = TopicReader.recordsUntil(hub.hub().bootstrapServers(),
        Topics.CANDIDATE_EVENTS, (k, e) -> e.testId().equals(testId), (int) spec.events() + 1, Duration.ofSeconds(3));
    assertThat(events).hasSize((int) spec.events())
        .allSatisfy(r -> assertThat(r.getKey()).isEqualTo("demo/" + testId + "/" + r.getValue().candidateId()));
    CandidateEvent first = events.stream().map(Map.Entry::getValue).filter(e -> e.eventId().equals(testId + "-1"))
        .findFirst().orElseThrow();
    assertThat(first.candidateId()).isEqualTo("1000");
    assertThat(first.candidateUserId()).isEqualTo("7000000");
    assertThat(first.timeStamp()).isEqualTo("2026-11-20T09:00:01Z");
    assertThat(first.extraInfo().path("type").asText()).isEqualTo("ip");
    List<Alert> alerts = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.ALERTS,
        a -> a.reference().startsWith("demo/" + testId + "/"), (int) spec.highlyFlagged(), Duration.ofSeconds(10));
    assertThat(alerts).hasSize((int) spec.highlyFlagged())
        .allSatisfy(a -> assertThat(a.severity()).isEqualTo("high"));
    assertThat(exportCalls(testId)).containsExactly("POST", "GET", "GET");
  }

  @Test
  void theExportFinishedWebhookDownloadsTheExportItAnnouncesAndNeverOrdersOne() {
    String testId = newTestId();
    inspera.putExport(testId, new GeneratedExport.Spec(4, 5, 0));
    String jobId = inspera.orderExportElsewhere(testId);
    inspera.script().reset();
    String body = "{\"contextObjectId\": " + testId + ", \"associatedObjectId\": \"" + jobId
        + "\", \"event\": \"event_by_candidates_export_finished\", \"timestamp\": \"" + java.time.Instant.now() + "\"}";

    HttpResponse<String> answer = Http.post(hub.baseUrl() + "/webhooks/inspera/demo", body, Map.of("Content-Type",
        "application/json", InsperaSignature.HEADER, InsperaSignature.sign(hub.insperaSecret(), body.getBytes(StandardCharsets.UTF_8))));

    assertThat(answer.statusCode()).isEqualTo(200);
    Outcome outcome = downloadOutcome(testId);
    assertThat(outcome.success()).isTrue();
    assertThat(Wire.text(outcome, "jobId")).isEqualTo(jobId);
    assertThat(Wire.result(outcome).path("events").asLong()).isEqualTo(20);
    assertThat(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.CANDIDATE_EVENTS,
        e -> e.testId().equals(testId), 20, Duration.ofSeconds(10))).hasSize(20);
    // Only the job's status and no order: ordering on "finished" would start the next export, for ever.
    assertThat(exportCalls(testId)).isNotEmpty().containsOnly("GET");
    assertThat(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.OUTCOMES,
        o -> Operations.EXPORT_TEST_EVENTS.equals(o.operation()) && testId.equals(Wire.text(o, "testId")), 1,
        Duration.ofSeconds(3))).isEmpty();
  }

  @Test
  void aJobThatNeverFinishesEndsAsADeadLetterNotReady() throws Exception {
    String testId = newTestId();
    inspera.putExport(testId, new GeneratedExport.Spec(1, 1, 0));
    inspera.exportNeverFinishes(testId);
    Command export = Wire.command("demo", Partner.INSPERA, Operations.EXPORT_TEST_EVENTS,
        Json.MAPPER.createObjectNode().put("testId", testId), "test", Instant.now());
    send(testId, export);

    List<FailedCommand> dead = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.COMMAND_DEAD_LETTERS,
        f -> Operations.DOWNLOAD_TEST_EVENTS.equals(f.command().operation())
            && testId.equals(Wire.payload(f.command()).path("testId").asText()), 1, Duration.ofSeconds(60));

    assertThat(dead).singleElement().satisfies(f -> {
      assertThat(f.errorCode()).isEqualTo("EXPORT_NOT_READY");
      assertThat(f.attempts()).isEqualTo(3);
    });
    assertThat(exportCalls(testId)).containsExactly("POST", "GET", "GET", "GET");
  }

  private static void send(String testId, Command command) throws Exception {
    try (DurableProducer producer = new DurableProducer(hub.hub().bootstrapServers(), "export-test", 5000,
        new SimpleMeterRegistry())) {
      producer.send(Topics.COMMANDS_INSPERA, "demo/" + testId, command).get();
    }
  }

  private static Outcome downloadOutcome(String testId) {
    return the(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.OUTCOMES,
        o -> Operations.DOWNLOAD_TEST_EVENTS.equals(o.operation()) && testId.equals(Wire.text(o, "testId")), 1,
        Duration.ofSeconds(60)));
  }

  private static List<String> exportCalls(String testId) {
    return inspera.script().calls().stream().filter(c -> c.path().endsWith("/v1/test/" + testId + "/events"))
        .map(c -> c.method()).toList();
  }

  private static String newTestId() {
    return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000, 900_000_000));
  }

  private static <T> T the(List<T> found) {
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
