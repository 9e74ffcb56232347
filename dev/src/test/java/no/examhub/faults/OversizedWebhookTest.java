package no.examhub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import no.examhub.event.Topics;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.platform.streams.DeadLetter;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TestKafka;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One webhook cannot wedge the topology. Measured before the fix: a signed 660 KB Inspera webhook
 * with a bad timestamp padded with quotes was accepted, its dead letter serialised to 1.3 MB (over
 * the 1 MiB record limit), and the stream thread died every 45 s without end while readiness stayed
 * UP; a valid webhook after it never became an exam event.
 */
class OversizedWebhookTest {
  @RegisterExtension
  static final TestHub hub = TestHub.perClass().awaitingStreams();

  @Test
  void aHugeBadWebhookIsDeadLetteredSmallAndTheNextOneStillComesThrough() {
    long bad = ThreadLocalRandom.current().nextLong(10_000_000, 90_000_000);
    String padded = "{\"contextObjectId\": " + bad + ", \"event\": \"confirm_final_grades\", \"timestamp\": \""
        + "\\\"".repeat(330_000) + "\"}";
    assertThat(padded.length()).isGreaterThan(660_000);

    assertThat(post(padded).statusCode()).isEqualTo(200);
    long good = bad + 1;
    assertThat(post("{\"contextObjectId\": " + good + ", \"event\": \"confirm_final_grades\","
        + " \"timestamp\": \"" + java.time.Instant.now() + "\"}").statusCode()).isEqualTo(200);

    assertThat(TopicReader.readUntil(TestKafka.bootstrapServers(), Topics.EXAM_EVENTS,
        e -> e.objectId().equals(Long.toString(good)), 1, Duration.ofSeconds(60))).hasSize(1);
    DeadLetter letter = TopicReader.readUntil(TestKafka.bootstrapServers(), Topics.DEAD_LETTERS,
        d -> d.payload() != null && d.payload().contains("\"contextObjectId\": " + bad), 1, Duration.ofSeconds(30)).get(0);
    assertThat(letter.payload()).hasSizeLessThanOrEqualTo(DeadLetter.MAX_PAYLOAD_CHARS).contains("...[cut: ");
    assertThat(hub.hub().streams().threadsStable()).isTrue();
    assertThat(Http.get(hub.baseUrl() + "/health/ready").body()).contains("\"stream-threads\":\"UP\"");
  }

  @Test
  void aBodyThatWouldNotFitInOneRecordIsRefusedWith413NotA503ThePartnerRetriesForever() {
    String big = "{\"contextObjectId\": 1, \"event\": \"confirm_final_grades\", \"timestamp\": \""
        + "x".repeat(800_000) + "\"}";

    HttpResponse<String> answer = post(big);

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.body()).contains("70413");
  }

  private static HttpResponse<String> post(String body) {
    return Http.post(hub.baseUrl() + "/webhooks/inspera/demo", body, Map.of("Content-Type", "application/json",
        InsperaSignature.HEADER, InsperaSignature.sign(hub.insperaSecret(), body.getBytes(StandardCharsets.UTF_8))));
  }
}
