package no.examhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import no.examhub.event.Command;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.KafkaSettings;
import no.examhub.platform.streams.DeadLetter;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TestKafka;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The first real path, against a real broker: Inspera webhook in, one exam event out. */
class EndToEndTest {
  @RegisterExtension
  static final TestHub hub = TestHub.perClass().awaitingStreams();

  @Test
  void signedWebhookDeliveredTwiceIsStoredTwiceAndBecomesOneExamEvent() {
    long testId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
    java.time.Instant sent = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String body = "{\"contextObjectId\": " + testId
        + ", \"event\": \"confirm_final_grades\", \"timestamp\": \"" + sent + "\"}";

    HttpResponse<String> first = postSigned(body);
    HttpResponse<String> retry = postSigned(body);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(retry.statusCode()).isEqualTo(200);
    String objectId = Long.toString(testId);
    List<RawRequest> raw = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.RAW_INSPERA,
        r -> new String(r.body(), StandardCharsets.UTF_8).equals(body), 2, Duration.ofSeconds(20));
    assertThat(raw).hasSize(2).allSatisfy(r -> {
      assertThat(r.institution()).isEqualTo("demo");
      // Verified at the door and never stored: with its body it would be a ready-made replay.
      assertThat(r.headers()).doesNotContainKey("x-inspera-signature").containsKey("content-type");
    });
    List<ExamEvent> events = TopicReader.readOnce(hub.hub().bootstrapServers(), Topics.EXAM_EVENTS,
        e -> objectId.equals(e.objectId()), Duration.ofSeconds(60), Duration.ofSeconds(5));
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.institution()).isEqualTo("demo");
      assertThat(e.event()).isEqualTo(no.examhub.event.ExamEventKinds.FINAL_GRADES);
      assertThat(e.occurredAt()).isEqualTo(sent);
    });
  }

  @Test
  void aPoisonRecordOnTheRawTopicIsDeadLetteredAndTheTopologyKeepsRunning() throws Exception {
    String poisonKey = "demo/poison-" + System.nanoTime();
    try (var producer = new KafkaProducer<>(KafkaSettings.durableProducer(hub.hub().bootstrapServers(), "poison", 5000),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(Topics.RAW_INSPERA.name(), poisonKey, "{not a raw request")).get();
    }
    long testId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
    postSigned("{\"contextObjectId\": " + testId + ", \"event\": \"confirm_final_grades\"}");

    List<DeadLetter> letters = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.DEAD_LETTERS,
        d -> poisonKey.equals(d.key()), 1, Duration.ofSeconds(60));
    assertThat(letters).singleElement().satisfies(d -> {
      assertThat(d.errorCode()).isEqualTo("UNREADABLE_RECORD");
      assertThat(d.payload()).isEqualTo("{not a raw request");
      assertThat(d.sourceTopic()).isEqualTo(Topics.RAW_INSPERA.name());
    });
    assertThat(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.EXAM_EVENTS,
        e -> Long.toString(testId).equals(e.objectId()), 1, Duration.ofSeconds(20))).hasSize(1);
    assertThat(hub.hub().streamsRunning()).isTrue();
  }

  @Test
  void anFsAppealBecomesOneRegisterCommandAndAPoisonAppealIsDeadLettered() throws Exception {
    String kandidatnr = Long.toString(ThreadLocalRandom.current().nextLong(100_000, 999_999));
    FsAppeal appeal = new FsAppeal("demo", ExamSystem.INSPERA, "INF1000-1", kandidatnr,
        FsAppeal.ACTIVE, LocalDate.parse("2026-06-20"), "K1", null, Instant.now());
    String poisonKey = "demo/INF1000-1/poison-" + kandidatnr;
    try (var producer = new KafkaProducer<>(KafkaSettings.durableProducer(hub.hub().bootstrapServers(), "fs-test", 5000),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(Topics.FS_APPEALS.name(), poisonKey, "[1, 2")).get();
      String json = Json.string(appeal);
      producer.send(new ProducerRecord<>(Topics.FS_APPEALS.name(), appeal.caseKey(), json)).get();
      producer.send(new ProducerRecord<>(Topics.FS_APPEALS.name(), appeal.caseKey(), json)).get();
    }

    List<Command> commands = TopicReader.readOnce(hub.hub().bootstrapServers(), Topics.COMMANDS_INSPERA,
        c -> Wire.payload(c).path("kandidatnr").asText().equals(kandidatnr), Duration.ofSeconds(60), Duration.ofSeconds(5));
    assertThat(commands).singleElement().extracting(Command::operation).isEqualTo("register-appeal");
    assertThat(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.DEAD_LETTERS,
        d -> poisonKey.equals(d.key()), 1, Duration.ofSeconds(60))).hasSize(1);
  }

  @Test
  void readinessReportsBrokerAndStreams() {
    HttpResponse<String> ready = Http.get(hub.baseUrl() + "/health/ready");

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"kafka\":\"UP\"", "\"streams\":\"UP\"");
    assertThat(Http.get(hub.baseUrl() + "/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsExposeStreamsProducerJvmAndHttp() {
    postSigned("{\"contextObjectId\": 1, \"event\": \"resource_created\", \"timestamp\": \"" + java.time.Instant.now() + "\"}");

    String metrics = Http.get(hub.baseUrl() + "/metrics").body();

    assertThat(metrics)
        .contains("kafka_stream_")
        .contains("kafka_producer_")
        .contains("jvm_memory_used_bytes")
        .contains("http_server_requests_seconds_count")
        .contains("examhub_ingress_accepted_total")
        .contains("examhub_streams_running");
  }

  @Test
  void bootstrapServersComeFromTheConfiguredBroker() {
    assertThat(hub.hub().bootstrapServers()).isEqualTo(TestKafka.bootstrapServers());
  }

  private static HttpResponse<String> postSigned(String body) {
    String signature = InsperaSignature.sign(hub.insperaSecret(), body.getBytes(StandardCharsets.UTF_8));
    return Http.post(hub.baseUrl() + "/webhooks/inspera/demo", body,
        Map.of("Content-Type", "application/json", InsperaSignature.HEADER, signature));
  }
}
