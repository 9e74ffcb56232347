package no.examhub.partner.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.testing.RouteApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every way a proctoring webhook is refused, each through the error contract, counted, and with
 * nothing written: the route on an unstarted server, no broker.
 */
class ProctoringWebhookErrorsTest {
  private static final String ADMITTED =
      "{\"event\":\"admitted_respondent\",\"respondent_id\":\"r-1\",\"exam_id\":\"e-1\",\"admittedOn\":1719221380326}";

  @RegisterExtension
  static final RouteApp routes = RouteApp.perClass();

  @Test
  void unknownInstitutionIsNotFound() {
    assertError(client -> webhookTo(client, "nowhere", ADMITTED, credentials()), 404, "70404");
  }

  @Test
  void missingClientSecretIsMissingCredentials() {
    assertError(client -> webhookWith(client, ADMITTED, Map.of("x-client-id", routes.demo().proctoringClientId())),
        401, "70402");
  }

  @Test
  void missingClientIdIsMissingCredentials() {
    assertError(client -> webhookWith(client, ADMITTED,
        Map.of("x-client-secret", routes.demo().proctoringClientSecret())), 401, "70402");
  }

  @Test
  void wrongClientSecretIsInvalidCredentials() {
    Response answer = assertError(client -> webhookWith(client, ADMITTED,
        Map.of("x-client-id", routes.demo().proctoringClientId(), "x-client-secret", "guess")), 401, "70401");

    assertThat(answer.body().string()).doesNotContain("guess");
  }

  @Test
  void wrongClientIdIsInvalidCredentials() {
    assertError(client -> webhookWith(client, ADMITTED,
        Map.of("x-client-id", "someone-else", "x-client-secret", routes.demo().proctoringClientSecret())),
        401, "70401");
  }

  @Test
  void malformedJsonIsMalformedRequest() {
    assertError(client -> webhookWith(client, "{\"event\": ", credentials()), 400, "70416");
  }

  @Test
  void missingEventIsMalformedRequest() {
    Response answer = assertError(client -> webhookWith(client, "{\"exam_id\":\"e-1\"}", credentials()), 400, "70416");

    assertThat(answer.body().string()).contains("event is missing");
  }

  @Test
  void unknownEventIsMalformedRequestNamingTheKnownOnes() {
    Response answer = assertError(client -> webhookWith(client, "{\"event\":\"exam_deleted\",\"exam_id\":\"e-1\"}",
        credentials()), 400, "70416");

    assertThat(answer.body().string()).contains("Unknown event", "admitted_respondent", "verify_respondent");
  }

  @Test
  void asynchronousEventWithoutExamIdIsMalformedRequest() {
    Response answer = assertError(client -> webhookWith(client,
        "{\"event\":\"result_ready\",\"respondent_id\":\"r-1\"}", credentials()), 400, "70416");

    assertThat(answer.body().string()).contains("exam_id is missing");
  }

  @Test
  void verificationWithoutExamIdIsMalformedRequest() {
    assertError(client -> webhookWith(client, "{\"event\":\"verify_respondent\",\"fields\":[]}", credentials()),
        400, "70416");
  }

  @Test
  void nonJsonContentTypeIsUnsupported() {
    Map<String, String> headers = new HashMap<>(credentials());
    headers.put("Content-Type", "text/plain");

    assertError(client -> webhookWith(client, ADMITTED, headers), 415, "70415");
  }

  /** The routes as Examhub builds them, with the defaults, on a roster no refusal may reach. */
  private static Javalin app() {
    ExamhubConfig c = routes.config();
    return routes.app(new ProctoringWebhookRoutes(routes.institutions(), routes.ingress(), RouteApp.unqueryableRoster(),
        AccessCodeKey.of(c), c.verifyMaxFailures(), c.verifyFailureWindow(), routes.writer(), c.ackTimeout(),
        routes.registry(), java.time.Clock.systemUTC()));
  }

  private static Response webhookWith(HttpClient client, String body, Map<String, String> headers) {
    return webhookTo(client, "demo", body, headers);
  }

  private static Response webhookTo(HttpClient client, String institution, String body, Map<String, String> headers) {
    return RouteApp.post(client, "/webhooks/proctoring/" + institution, body, headers);
  }

  private static Map<String, String> credentials() {
    return Map.of("x-client-id", routes.demo().proctoringClientId(),
        "x-client-secret", routes.demo().proctoringClientSecret());
  }

  /** The request is refused with this status and code, counted under it, and nothing is written. */
  private static Response assertError(Function<HttpClient, Response> request, int status, String code) {
    double before = rejected(code);
    int written = routes.writer().written().size();
    Response[] answer = new Response[1];
    JavalinTest.test(app(), (server, client) -> answer[0] = request.apply(client));

    assertThat(answer[0].code()).isEqualTo(status);
    assertThat(answer[0].body().string()).contains("\"errorCode\":\"" + code + "\"", "\"requestId\"")
        .doesNotContain("Exception");
    assertThat(rejected(code)).isEqualTo(before + 1);
    assertThat(routes.writer().written()).hasSize(written);
    return answer[0];
  }

  private static double rejected(String code) {
    var counter = routes.registry().find("examhub.ingress.rejected").tags("source", "proctoring", "reason", code).counter();
    return counter == null ? 0 : counter.count();
  }
}
