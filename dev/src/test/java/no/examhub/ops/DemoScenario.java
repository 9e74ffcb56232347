package no.examhub.ops;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import no.examhub.event.Topics;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.platform.kafka.KafkaSettings;
import no.examhub.simulator.DemoData;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What makes every panel show data: signed Inspera webhooks (one delivered twice, one with a bad
 * signature), a Proview callback whose fetch fails until it is dead-lettered, and a
 * verify_respondent call, and a record on a raw topic the topology cannot read. The FS poll and the demo cases happen at start.
 */
final class DemoScenario {
  private final TestHub hub;

  DemoScenario(TestHub hub) {
    this.hub = hub;
  }

  void run() throws Exception {
    long testId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
    String body = "{\"contextObjectId\": " + testId + ", \"event\": \"confirm_final_grades\", "
        + "\"timestamp\": \"" + java.time.Instant.now() + "\"}";
    expect(200, inspera(body, InsperaSignature.sign(hub.insperaSecret(), body.getBytes(StandardCharsets.UTF_8))));
    expect(200, inspera(body, InsperaSignature.sign(hub.insperaSecret(), body.getBytes(StandardCharsets.UTF_8))));
    expect(401, inspera(body, "0000"));
    try (var producer = new KafkaProducer<>(KafkaSettings.durableProducer(hub.hub().bootstrapServers(), "poison", 5000),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(Topics.RAW_INSPERA.name(), "demo/poison-" + testId, "{not a raw request")).get();
    }

    hub.simulators().orElseThrow().proview().script().failNext(5, 500);
    String callback = "{\"message\": \"Session Has Been Terminated\", \"external_id\": \"5506693\", "
        + "\"session_uuid\": \"" + UUID.randomUUID() + "\"}";
    expect(200, Http.post(hub.baseUrl() + "/webhooks/proview/demo/" + hub.demo().proviewToken(), callback,
        Map.of("Content-Type", "application/json")));

    // The roster is loaded from its topic after start: until then the vendor gets 503 and asks again.
    Eventually.holds(Duration.ofSeconds(20), () -> verifyRespondent().statusCode() == 200);
  }

  private HttpResponse<String> inspera(String body, String signature) {
    return Http.post(hub.baseUrl() + "/webhooks/inspera/demo", body,
        Map.of("Content-Type", "application/json", InsperaSignature.HEADER, signature));
  }

  private HttpResponse<String> verifyRespondent() {
    String body = "{\"event\":\"verify_respondent\",\"fields\":[{\"position\":0,\"value\":\"" + DemoData.DEMO_CANDIDATE
        + "\"},{\"position\":1,\"value\":\"" + DemoData.DEMO_ACCESS_CODE + "\"}],\"exam_id\":\""
        + DemoData.DEMO_EXAM + "\",\"choosenLang\":\"en\"}";
    return Http.post(hub.baseUrl() + "/webhooks/proctoring/demo", body, Map.of("Content-Type", "application/json",
        "x-client-id", hub.demo().proctoringClientId(), "x-client-secret", hub.demo().proctoringClientSecret()));
  }

  private static void expect(int status, HttpResponse<String> answer) {
    if (answer.statusCode() != status) {
      throw new AssertionError("expected " + status + " but got " + answer.statusCode() + ": " + answer.body());
    }
  }
}
