package no.examhub.partner.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every way a proctoring webhook is refused, each through the error contract. */
class ProctoringWebhookErrorsTest {
  private static final String ADMITTED =
      "{\"event\":\"admitted_respondent\",\"respondent_id\":\"r-1\",\"exam_id\":\"e-1\",\"admittedOn\":1719221380326}";

  @RegisterExtension
  static final TestHub hub = TestHub.shared();
  private static ProctoringHub vendor;

  @BeforeAll
  static void start() {
    vendor = new ProctoringHub(hub);
  }

  @Test
  void unknownInstitutionIsNotFound() {
    assertError(vendor.webhookTo("nowhere", ADMITTED, credentials()), 404, "70404");
  }

  @Test
  void missingClientSecretIsMissingCredentials() {
    assertError(vendor.webhookWith(ADMITTED, Map.of("x-client-id", hub.demo().proctoringClientId())), 401, "70402");
  }

  @Test
  void missingClientIdIsMissingCredentials() {
    assertError(vendor.webhookWith(ADMITTED, Map.of("x-client-secret", hub.demo().proctoringClientSecret())),
        401, "70402");
  }

  @Test
  void wrongClientSecretIsInvalidCredentials() {
    HttpResponse<String> answer = vendor.webhookWith(ADMITTED,
        Map.of("x-client-id", hub.demo().proctoringClientId(), "x-client-secret", "guess"));

    assertError(answer, 401, "70401");
    assertThat(answer.body()).doesNotContain("guess");
  }

  @Test
  void wrongClientIdIsInvalidCredentials() {
    assertError(vendor.webhookWith(ADMITTED,
        Map.of("x-client-id", "someone-else", "x-client-secret", hub.demo().proctoringClientSecret())), 401, "70401");
  }

  @Test
  void malformedJsonIsMalformedRequest() {
    assertError(vendor.webhookWith("{\"event\": ", credentials()), 400, "70416");
  }

  @Test
  void missingEventIsMalformedRequest() {
    HttpResponse<String> answer = vendor.webhookWith("{\"exam_id\":\"e-1\"}", credentials());

    assertError(answer, 400, "70416");
    assertThat(answer.body()).contains("event is missing");
  }

  @Test
  void unknownEventIsMalformedRequestNamingTheKnownOnes() {
    HttpResponse<String> answer = vendor.webhookWith("{\"event\":\"exam_deleted\",\"exam_id\":\"e-1\"}", credentials());

    assertError(answer, 400, "70416");
    assertThat(answer.body()).contains("Unknown event", "admitted_respondent", "verify_respondent");
  }

  @Test
  void asynchronousEventWithoutExamIdIsMalformedRequest() {
    HttpResponse<String> answer = vendor.webhookWith("{\"event\":\"result_ready\",\"respondent_id\":\"r-1\"}",
        credentials());

    assertError(answer, 400, "70416");
    assertThat(answer.body()).contains("exam_id is missing");
  }

  @Test
  void verificationWithoutExamIdIsMalformedRequest() {
    assertError(vendor.webhookWith("{\"event\":\"verify_respondent\",\"fields\":[]}", credentials()), 400, "70416");
  }

  @Test
  void nonJsonContentTypeIsUnsupported() {
    Map<String, String> headers = new java.util.HashMap<>(credentials());
    headers.put("Content-Type", "text/plain");

    assertError(vendor.webhookWith(ADMITTED, headers), 415, "70415");
  }

  private static Map<String, String> credentials() {
    return Map.of("x-client-id", hub.demo().proctoringClientId(),
        "x-client-secret", hub.demo().proctoringClientSecret());
  }

  private static void assertError(HttpResponse<String> answer, int status, String code) {
    assertThat(answer.statusCode()).isEqualTo(status);
    assertThat(answer.body()).contains("\"errorCode\":\"" + code + "\"", "\"requestId\"").doesNotContain("Exception");
  }
}
