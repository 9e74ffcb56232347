package no.examhub.partner.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamEventKinds;
import no.examhub.event.ExamSystem;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerSettings;
import no.examhub.institution.StandardSourceMapping;
import no.examhub.institution.WebhookSecrets;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Standard Webhook through HTTP, a real broker and the Streams topology: configured in MongoDB
 * with its source's mapping, sent twice with the same webhook-id, it becomes one exam event. The
 * same hub shows readiness naming the loops supervised beside dispatch.
 */
class StandardWebhookIntakeEndToEndTest {
  private static final String SOURCE = "grader";
  private static final String SECRET = newSecret();
  @RegisterExtension
  static final TestHub hub = TestHub.perClass().seeded(store -> new InstitutionRepository(store).save(institution()));

  @Test
  void aWebhookSentTwiceWithTheSameWebhookIdBecomesOneExamEvent() {
    String exam = "exam-" + UUID.randomUUID();
    String webhookId = "msg_" + UUID.randomUUID();
    String body = "{\"type\": \"grades.final\", \"data\": {\"examId\": \"" + exam + "\"}}";

    HttpResponse<String> first = post(webhookId, body);
    HttpResponse<String> redelivery = post(webhookId, body);
    String sentinelExam = exam + "-after";
    HttpResponse<String> sentinel = post("msg_" + UUID.randomUUID(), body.replace(exam, sentinelExam));

    assertThat(List.of(first, redelivery, sentinel)).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
    assertThat(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.EXAM_EVENTS,
        e -> sentinelExam.equals(e.objectId()), 1, Duration.ofSeconds(60))).hasSize(1);
    List<Map.Entry<String, ExamEvent>> events = TopicReader.recordsUntil(hub.hub().bootstrapServers(),
        Topics.EXAM_EVENTS, (k, e) -> exam.equals(e.objectId()), 2, Duration.ofSeconds(5));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getKey()).isEqualTo("stdmap/" + exam);
    ExamEvent event = events.get(0).getValue();
    assertThat(event.institution()).isEqualTo("stdmap");
    assertThat(event.event()).isEqualTo(ExamEventKinds.FINAL_GRADES);
    assertThat(event.examSystem()).isEqualTo(ExamSystem.WISEFLOW);
  }

  @Test
  void readinessReportsTheSupervisedLoopsBesideDispatch() {
    Eventually.holds(Duration.ofSeconds(30),
        () -> Http.get(hub.baseUrl() + "/health/ready").body().contains("\"fs-poller\":\"UP\""));

    assertThat(Http.get(hub.baseUrl() + "/health/ready").body()).contains("\"alerts\":\"UP\"",
        "\"dispatch\":\"UP\"");
  }

  private static Institution institution() {
    StandardSourceMapping mapping = new StandardSourceMapping("/type", "/data/examId", "", "", "", "", null,
        Map.of("grades.final", ExamEventKinds.FINAL_GRADES));
    return new Institution("stdmap", "7777", "7777", ExamSystem.WISEFLOW, "stdmap", "test", true, true, true, "",
        new WebhookSecrets(null, null, null, null, Map.of(SOURCE, List.of(SECRET))),
        new PartnerSettings(null, null, null, null, null, Map.of(SOURCE, mapping)));
  }

  private static HttpResponse<String> post(String webhookId, String body) {
    long now = Instant.now().getEpochSecond();
    String signature = StandardWebhookSignature.sign(SECRET, webhookId, now,
        body.getBytes(StandardCharsets.UTF_8));
    return Http.post(hub.baseUrl() + "/webhooks/standard/stdmap/" + SOURCE, body, Map.of(
        "Content-Type", "application/json", "webhook-id", webhookId,
        "webhook-timestamp", Long.toString(now), "webhook-signature", signature));
  }

  private static String newSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
