package no.examhub.partner.proctoring;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;

/** Requests as the proctoring vendor and an operator send them, against a test hub. */
final class ProctoringHub {
  private final TestHub hub;

  ProctoringHub(TestHub hub) {
    this.hub = hub;
  }

  /** A webhook with the demo institution's vendor credentials and a fresh request id. */
  HttpResponse<String> webhook(String body, String requestId) {
    return webhookWith(body, Map.of(
        "x-client-id", hub.demo().proctoringClientId(),
        "x-client-secret", hub.demo().proctoringClientSecret(),
        "X-Request-Id", requestId));
  }

  HttpResponse<String> webhookWith(String body, Map<String, String> headers) {
    return webhookTo("demo", body, headers);
  }

  HttpResponse<String> webhookTo(String institution, String body, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(headers);
    all.putIfAbsent("Content-Type", "application/json");
    return Http.post(hub.baseUrl() + "/webhooks/proctoring/" + institution, body, all);
  }

  HttpResponse<String> uploadRoster(String institution, String examId, String body, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/api/roster/" + institution + "/"
            + examId.replace(" ", "%20")))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return Http.send(request.build());
  }

  HttpResponse<String> uploadRoster(String examId, String body) {
    return uploadRoster("demo", examId, body, hub.demo().adminToken());
  }

  static String requestId() {
    return "test-" + UUID.randomUUID();
  }

  static String verify(String examId, String candidateId, String accessCode, String language) {
    return "{\"event\":\"verify_respondent\",\"fields\":[{\"position\":0,\"value\":\"" + candidateId
        + "\"},{\"position\":1,\"value\":\"" + accessCode + "\"}],\"exam_id\":\"" + examId
        + "\",\"choosenLang\":\"" + language + "\"}";
  }

  static String roster(String candidateId, String accessCode) {
    return "{\"candidateIdPosition\":0,\"accessCodePosition\":1,\"candidates\":[{\"candidateId\":\"" + candidateId
        + "\",\"accessCode\":\"" + accessCode + "\",\"name\":\"Siti Nurhaliza\",\"email\":\"siti@example.org\","
        + "\"photoUrl\":\"https://example.org/siti.jpg\",\"about\":\"Second year\",\"data\":\"seat 14\"}]}";
  }
}
