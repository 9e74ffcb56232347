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
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.flow.cases.Operations;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.simulator.inspera.GeneratedExport;
import no.examhub.simulator.inspera.InsperaSimulator;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seed 000's test-events export: ordered, polled, downloaded and fanned out, on demand and on the webhook. */
class InsperaExportTest {
  private static TestHub hub;
  private static InsperaSimulator inspera;

  @BeforeAll
  static void start() {
    hub = TestHub.start();
    hub.awaitStreamsRunning();
    inspera = hub.hub().simulators().orElseThrow().inspera();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void anExportOnDemandIsFannedOutCompletelyWithItsHighSeverityFlagsAsAlerts() throws Exception {
    String testId = newTestId();
    GeneratedExport.Spec spec = new GeneratedExport.Spec(50, 200, 40);
    inspera.putExport(testId, spec);
    Command export = Command.of("demo", Partner.INSPERA, Operations.EXPORT_TEST_EVENTS,
        Json.MAPPER.createObjectNode().put("testId", testId).put("trigger", "spec"), "test", Instant.now());
    try (DurableProducer producer = new DurableProducer(hub.hub().bootstrapServers(), "export-test", 5000,
        new SimpleMeterRegistry())) {
      producer.send(Topics.COMMANDS_INSPERA, "demo/" + testId, export).get();
    }

    Outcome outcome = the(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.OUTCOMES,
        o -> o.commandId().equals(export.commandId()), 1, Duration.ofSeconds(60)));

    assertThat(outcome.success()).isTrue();
    assertThat(outcome.result().path("candidates").asLong()).isEqualTo(50);
    assertThat(outcome.result().path("events").asLong()).isEqualTo(spec.events());
    assertThat(outcome.result().path("flagged").asLong()).isEqualTo(spec.highlyFlagged());
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
    assertThat(inspera.script().calls()).filteredOn(c -> c.path().endsWith("/v1/test/" + testId + "/events"))
        .extracting(c -> c.method()).containsExactly("POST", "GET", "GET");
  }

  @Test
  void theExportFinishedWebhookFetchesAndFansOutThatTestsExport() {
    String testId = newTestId();
    inspera.putExport(testId, new GeneratedExport.Spec(4, 5, 0));
    String body = "{\"contextObjectId\": " + testId + ", \"event\": \"event_by_candidates_export_finished\", "
        + "\"timestamp\": \"2026-11-25T10:00:00Z\"}";

    HttpResponse<String> answer = Http.post(hub.baseUrl() + "/webhooks/inspera/demo", body, Map.of("Content-Type",
        "application/json", InsperaSignature.HEADER, InsperaSignature.sign(hub.insperaSecret(), body.getBytes(StandardCharsets.UTF_8))));

    assertThat(answer.statusCode()).isEqualTo(200);
    Outcome outcome = the(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.OUTCOMES,
        o -> Operations.EXPORT_TEST_EVENTS.equals(o.operation()) && testId.equals(o.text("testId")), 1,
        Duration.ofSeconds(60)));
    assertThat(outcome.success()).isTrue();
    assertThat(outcome.result().path("events").asLong()).isEqualTo(20);
    assertThat(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.CANDIDATE_EVENTS,
        e -> e.testId().equals(testId), 20, Duration.ofSeconds(10))).hasSize(20);
  }

  private static String newTestId() {
    return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000, 900_000_000));
  }

  private static <T> T the(List<T> found) {
    assertThat(found).hasSize(1);
    return found.get(0);
  }
}
