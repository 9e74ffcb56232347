package no.examhub.partner.wiseflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHttp;

/**
 * WISEflow's endpoints of seed 003 for one command: each call carries the institution's
 * {@code x-api-key} and the command id as {@code Idempotency-Key}. Ids go into paths as numbers
 * only, so nothing from a payload can change which resource is called.
 */
final class WiseflowApi {
  private final PartnerHttp http;
  private final String baseUrl;
  private final Map<String, String> auth;
  private final String idempotencyKey;

  WiseflowApi(PartnerHttp http, String baseUrl, String apiKey, String idempotencyKey) {
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.auth = Map.of("x-api-key", apiKey);
    this.idempotencyKey = idempotencyKey;
  }

  /** {@code GET /license/sis/flows/{sisCode}}: the flows carrying FS's vurdId as SIS code. */
  JsonNode flowsBySisCode(String sisCode) throws PartnerFailure {
    String path = URLEncoder.encode(sisCode, StandardCharsets.UTF_8).replace("+", "%20");
    return http.get(baseUrl + "/license/sis/flows/" + path, idempotencyKey, auth);
  }

  /** {@code GET /flow/{flowId}/participants}. */
  JsonNode participants(long flowId) throws PartnerFailure {
    return http.get(baseUrl + "/flow/" + flowId + "/participants", idempotencyKey, auth);
  }

  /** {@code POST /flow/{flowId}/reassessment} with {@code {"synchronize": false}}. */
  JsonNode createReassessment(long flowId) throws PartnerFailure {
    return http.post(baseUrl + "/flow/" + flowId + "/reassessment", Map.of("synchronize", false), idempotencyKey, auth);
  }

  /** {@code POST /flow/{flowId}/explanation/request} for a participant, due at unix seconds. */
  JsonNode requestExplanation(long flowId, long participantId, long dueDate) throws PartnerFailure {
    return http.post(baseUrl + "/flow/" + flowId + "/explanation/request",
        Map.of("participantId", participantId, "dueDate", dueDate), idempotencyKey, auth);
  }

  /** {@code GET /flow/{flowId}/explanation/request/{explanationRequestId}}. */
  JsonNode explanationRequest(long flowId, long requestId) throws PartnerFailure {
    return http.get(baseUrl + "/flow/" + flowId + "/explanation/request/" + requestId, idempotencyKey, auth);
  }

  /** {@code PATCH /flow/{flowId}/explanation/request/{explanationRequestId}} with showJustification. */
  JsonNode showExplanation(long flowId, long requestId) throws PartnerFailure {
    return http.patch(baseUrl + "/flow/" + flowId + "/explanation/request/" + requestId,
        Map.of("showJustification", true), idempotencyKey, auth);
  }
}
