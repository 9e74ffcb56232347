package no.examhub.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.examhub.event.ExamEvent;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.platform.kafka.EmbeddedKafka;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.Test;

/**
 * With the broker gone, the ingress answers 503 with Retry-After within its bound instead of
 * hanging; once the broker is back, nothing that was answered 2xx is missing, and the topology
 * resumes. Runs on the embedded default's own broker (a child JVM), stopped and started again.
 */
class BrokerOutageTest {
  @Test
  void whileTheBrokerIsDownWebhooksGet503AndNothingAnswered200IsLost() throws Exception {
    Path dir = Files.createTempDirectory("outage-kafka");
    int port = freePort();
    int controllerPort = freePort();
    EmbeddedKafka kafka = new EmbeddedKafka(dir, port, controllerPort).start();
    Set<String> answered200 = new HashSet<>();
    List<HttpResponse<String>> duringOutage = new ArrayList<>();
    try (TestHub hub = TestHub.start(kafka.bootstrapServers(), Map.of("EXAMHUB_ACK_TIMEOUT", "PT2S"))) {
      hub.awaitStreamsRunning();
      List<HttpResponse<String>> before = new ArrayList<>();
      sendBatch(hub, "before", 20, answered200, before);

      kafka.close();
      sendBatch(hub, "outage", 5, answered200, duringOutage);

      kafka = new EmbeddedKafka(dir, port, controllerPort).start();
      List<HttpResponse<String>> after = new ArrayList<>();
      sendUntilAccepted(hub, after, answered200);
      sendBatch(hub, "after", 20, answered200, after);

      assertThat(duringOutage).isNotEmpty().allSatisfy(r -> {
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"errorCode\":\"70503\"");
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
      });
      // With the broker up, a webhook is stored (200) or, when its acknowledgement is slower than
      // EXAMHUB_ACK_TIMEOUT on a loaded machine, refused for a retry (503): never anything else.
      List<HttpResponse<String>> brokerUp = new ArrayList<>(before);
      brokerUp.addAll(after);
      assertThat(brokerUp).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 503));
      assertThat(answered200).as("most webhooks with the broker up are stored").hasSizeGreaterThanOrEqualTo(31);
      List<RawRequest> stored = TopicReader.readUntil(kafka.bootstrapServers(), Topics.RAW_INSPERA,
          r -> answered200.contains(objectIdOf(r)), answered200.size(), Duration.ofSeconds(60));
      Set<String> storedIds = new HashSet<>();
      stored.forEach(r -> storedIds.add(objectIdOf(r)));
      assertThat(storedIds).as("every webhook answered 200 is on the raw topic").containsAll(answered200);
      List<ExamEvent> events = TopicReader.readUntil(kafka.bootstrapServers(), Topics.EXAM_EVENTS,
          e -> answered200.contains(e.objectId()), answered200.size(), Duration.ofSeconds(90));
      assertThat(events).extracting(ExamEvent::objectId).as("the topology resumed")
          .containsAll(answered200);
    } finally {
      kafka.close();
    }
  }

  private static void sendBatch(TestHub hub, String phase, int count, Set<String> answered200,
      List<HttpResponse<String>> responses) {
    for (int i = 0; i < count; i++) {
      String objectId = phase + "-" + i + "-" + System.nanoTime();
      HttpResponse<String> r = post(hub, objectId);
      responses.add(r);
      if (r.statusCode() == 200) {
        answered200.add(objectId);
      }
    }
  }

  /** The producer reconnects on its own; the first accepted webhook says it has. */
  private static void sendUntilAccepted(TestHub hub, List<HttpResponse<String>> responses, Set<String> answered200)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      String objectId = "reconnect-" + System.nanoTime();
      HttpResponse<String> r = post(hub, objectId);
      responses.add(r);
      if (r.statusCode() == 200) {
        answered200.add(objectId);
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the ingress did not recover within 60 s after the broker came back");
  }

  private static HttpResponse<String> post(TestHub hub, String objectId) {
    String body = "{\"contextObjectId\": \"" + objectId + "\", \"event\": \"confirm_final_grades\"}";
    String signature = InsperaSignature.sign(hub.insperaSecret(), body.getBytes(StandardCharsets.UTF_8));
    return Http.post(hub.baseUrl() + "/webhooks/inspera/demo", body,
        Map.of("Content-Type", "application/json", InsperaSignature.HEADER, signature));
  }

  private static String objectIdOf(RawRequest raw) {
    String body = new String(raw.body(), StandardCharsets.UTF_8);
    int start = body.indexOf("\"contextObjectId\": \"") + 20;
    return start < 20 ? "" : body.substring(start, body.indexOf('"', start));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
