package no.examhub.partner.proctoring;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;

/** Requests as the proctoring vendor and an operator send them, against a test hub; the bodies for route tests too. */
public final class ProctoringHub {
  private final TestHub hub;

  public ProctoringHub(TestHub hub) {
    this.hub = hub;
  }

  /** A webhook with the demo institution's vendor credentials and a fresh request id. */
  public HttpResponse<String> webhook(String body, String requestId) {
    return Http.post(hub.baseUrl() + "/webhooks/proctoring/demo", body, Map.of(
        "Content-Type", "application/json",
        "x-client-id", hub.demo().proctoringClientId(),
        "x-client-secret", hub.demo().proctoringClientSecret(),
        "X-Request-Id", requestId));
  }

  /** The demo operator's upload of an exam's roster. */
  public HttpResponse<String> uploadRoster(String examId, String body) {
    return Http.send(HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/api/roster/demo/"
            + examId.replace(" ", "%20")))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + hub.demo().adminToken())
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public static String requestId() {
    return "test-" + UUID.randomUUID();
  }

  public static String verify(String examId, String candidateId, String accessCode, String language) {
    return "{\"event\":\"verify_respondent\",\"fields\":[{\"position\":0,\"value\":\"" + candidateId
        + "\"},{\"position\":1,\"value\":\"" + accessCode + "\"}],\"exam_id\":\"" + examId
        + "\",\"choosenLang\":\"" + language + "\"}";
  }

  public static String roster(String candidateId, String accessCode) {
    return "{\"candidateIdPosition\":0,\"accessCodePosition\":1,\"candidates\":[{\"candidateId\":\"" + candidateId
        + "\",\"accessCode\":\"" + accessCode + "\",\"name\":\"Siti Nurhaliza\",\"email\":\"siti@example.org\","
        + "\"photoUrl\":\"https://example.org/siti.jpg\",\"about\":\"Second year\",\"data\":\"seat 14\"}]}";
  }
}
