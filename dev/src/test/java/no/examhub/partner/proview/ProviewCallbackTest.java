package no.examhub.partner.proview;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.Command;
import no.examhub.event.Topics;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /webhooks/proview/{institution}/{token}} on a real broker: Proview's unsigned
 * termination callback, authenticated by the capability token in its URL, becomes one command.
 */
class ProviewCallbackTest {
  /** Seed 002's sample request, verbatim. */
  private static final String SAMPLE = "{ \"message\": \"Session Has Been Terminated\", \"external_id\": \"5506693\", "
      + "\"session_uuid\": \"f46bd560-53f6-11eb-b441-492a960aa0ba\" }";
  @RegisterExtension
  static final TestHub hub = TestHub.shared();

  @Test
  void seedSampleCallbackDeliveredTwiceIsAcceptedAndBecomesOneFetchSessionCommand() {
    HttpResponse<String> first = post(callbackUrl(hub.demo().proviewToken()), SAMPLE);
    HttpResponse<String> retry = post(callbackUrl(hub.demo().proviewToken()), SAMPLE);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(retry.statusCode()).isEqualTo(200);
    String key = "demo/f46bd560-53f6-11eb-b441-492a960aa0ba";
    assertThat(TopicReader.recordsUntil(hub.hub().bootstrapServers(), Topics.RAW_PROVIEW,
        (k, v) -> key.equals(k), 2, Duration.ofSeconds(20))).hasSize(2);
    List<Command> commands = TopicReader.readOnce(hub.hub().bootstrapServers(), Topics.COMMANDS_PROVIEW,
        c -> "f46bd560-53f6-11eb-b441-492a960aa0ba".equals(Wire.payload(c).path("sessionUuid").asText()),
        Duration.ofSeconds(60), Duration.ofSeconds(5));
    assertThat(commands).singleElement().satisfies(c -> {
      assertThat(c.operation()).isEqualTo("fetch-session");
      assertThat(c.institution()).isEqualTo("demo");
      assertThat(Wire.payload(c).path("externalId").asText()).isEqualTo("5506693");
    });
  }

  @Test
  void wrongTokenIsRefusedWith70401() {
    HttpResponse<String> answer = post(callbackUrl("not-the-token"), callback(UUID.randomUUID().toString()));

    assertError(answer, 401, "70401");
    assertThat(answer.body()).doesNotContain("not-the-token");
  }

  @Test
  void callbackWithoutSessionUuidIsRefusedWith70416() {
    HttpResponse<String> answer = post(callbackUrl(hub.demo().proviewToken()),
        "{\"message\": \"Session Has Been Terminated\", \"external_id\": \"5506693\"}");

    assertError(answer, 400, "70416");
    assertThat(answer.body()).contains("session_uuid is missing");
  }

  @Test
  void sessionUuidThatIsNoUuidIsRefusedWith70416() {
    assertError(post(callbackUrl(hub.demo().proviewToken()), callback("../../v1/users")), 400, "70416");
  }

  @Test
  void bodyThatIsNoJsonIsRefusedWith70416() {
    assertError(post(callbackUrl(hub.demo().proviewToken()), "session_uuid=1"), 400, "70416");
  }

  @Test
  void unknownInstitutionIsRefusedWith404() {
    HttpResponse<String> answer = post(hub.baseUrl() + "/webhooks/proview/nowhere/" + hub.demo().proviewToken(),
        callback(UUID.randomUUID().toString()));

    assertError(answer, 404, "70404");
  }

  @Test
  void metricsShowRequestsLatencyBytesAndRejectionsPerSourceButNoToken() {
    post(callbackUrl(hub.demo().proviewToken()), callback(UUID.randomUUID().toString()));
    post(callbackUrl("wrong-token-in-metrics"), callback(UUID.randomUUID().toString()));

    String metrics = Http.get(hub.baseUrl() + "/metrics").body();

    assertThat(metrics.lines().filter(l -> l.startsWith("examhub_ingress_requests_seconds_count")))
        .anySatisfy(l -> assertThat(l).contains("outcome=\"accepted\"", "source=\"proview\""))
        .anySatisfy(l -> assertThat(l).contains("outcome=\"rejected\"", "source=\"proview\""));
    assertThat(metrics.lines().filter(l -> l.startsWith("examhub_ingress_requests_seconds_bucket")))
        .anySatisfy(l -> assertThat(l).contains("source=\"proview\""));
    assertThat(metrics.lines().filter(l -> l.startsWith("examhub_ingress_request_bytes_count")))
        .anySatisfy(l -> assertThat(l).contains("source=\"proview\""));
    assertThat(metrics.lines().filter(l -> l.startsWith("examhub_ingress_rejected_total")))
        .anySatisfy(l -> assertThat(l).contains("reason=\"70401\"", "source=\"proview\""));
    assertThat(metrics).doesNotContain(hub.demo().proviewToken(), "wrong-token-in-metrics");
  }

  private static String callback(String sessionUuid) {
    return "{\"message\": \"Session Has Been Terminated\", \"external_id\": \"x-1\", \"session_uuid\": \""
        + sessionUuid + "\"}";
  }

  private static void assertError(HttpResponse<String> answer, int status, String code) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.body()).contains("\"errorCode\":\"" + code + "\"", "\"requestId\"");
  }

  private static String callbackUrl(String token) {
    return hub.baseUrl() + "/webhooks/proview/demo/" + token;
  }

  private static HttpResponse<String> post(String url, String body) {
    return Http.post(url, body, Map.of("Content-Type", "application/json"));
  }
}
