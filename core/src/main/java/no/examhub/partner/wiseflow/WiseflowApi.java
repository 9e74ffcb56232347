package no.examhub.partner.wiseflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHttp;

/**
 * The WISEflow endpoints Examhub calls (OpenAPI 1.34.0, trimmed in
 * {@code src/test/resources/contracts/wiseflow-openapi-trimmed.yaml}) for one command, against the
 * institution's server with its access. Ids go into paths as numbers only, so nothing from a
 * payload can change which resource is called. A 401 gets one retry with a fresh token, then fails.
 */
final class WiseflowApi {
  /** WISEflow's largest page ({@code limit}, "maximum 100"). */
  static final int PAGE = 100;

  private interface Call {
    JsonNode send(Map<String, String> headers) throws PartnerFailure;
  }

  private final PartnerHttp http;
  private final String baseUrl;
  private final WiseflowAccess access;
  private final String idempotencyKey;

  WiseflowApi(PartnerHttp http, String baseUrl, WiseflowAccess access, String idempotencyKey) {
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.access = access;
    this.idempotencyKey = idempotencyKey;
  }

  /** {@code POST /sources/search?offset&limit} {@code {"sourceCode"}}: the sources (and their flows) with this code. */
  JsonNode searchSources(String sourceCode, int offset) throws PartnerFailure {
    return call(h -> http.post(baseUrl + "/sources/search?offset=" + offset + "&limit=" + PAGE,
        Map.of("sourceCode", sourceCode), idempotencyKey, h));
  }

  /** {@code GET /flow/{flowId}}: basic-flow, with the integer {@code variant} and {@code combinedMainFlowId}. */
  JsonNode flow(long flowId) throws PartnerFailure {
    return call(h -> http.get(baseUrl + "/flow/" + flowId, idempotencyKey, h));
  }

  /** {@code GET /flows/{flowId}/participants?offset&limit}: one page of the flow's participants. */
  JsonNode participants(long flowId, int offset) throws PartnerFailure {
    return call(h -> http.get(baseUrl + "/flows/" + flowId + "/participants?offset=" + offset + "&limit=" + PAGE,
        idempotencyKey, h));
  }

  /** {@code POST /flow/{flowId}/reassessment} with {@code {"synchronize": false}}; an existing one is returned. */
  JsonNode createReassessment(long flowId) throws PartnerFailure {
    return call(h -> http.post(baseUrl + "/flow/" + flowId + "/reassessment", Map.of("synchronize", false),
        idempotencyKey, h));
  }

  /**
   * {@code POST /flow/{flowId}/explanation/request}: 201 new, 200 the participant's existing one.
   * {@code showJustification} is required; false here, since Examhub shows it only once FS has it.
   */
  JsonNode requestExplanation(long flowId, long participantId, long dueDate) throws PartnerFailure {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("participantId", participantId);
    body.put("showJustification", false);
    body.put("dueDate", dueDate);
    return call(h -> http.post(baseUrl + "/flow/" + flowId + "/explanation/request", body, idempotencyKey, h));
  }

  /** {@code GET /flow/{flowId}/explanation/request/{explanationRequestId}}: explanation-basic. */
  JsonNode explanationRequest(long flowId, long requestId) throws PartnerFailure {
    return call(h -> http.get(baseUrl + "/flow/" + flowId + "/explanation/request/" + requestId, idempotencyKey, h));
  }

  /** {@code PATCH /flow/{flowId}/explanation/request/{explanationRequestId}} {@code {"showJustification": true}}. */
  JsonNode showExplanation(long flowId, long requestId) throws PartnerFailure {
    return call(h -> http.patch(baseUrl + "/flow/" + flowId + "/explanation/request/" + requestId,
        Map.of("showJustification", true), idempotencyKey, h));
  }

  private JsonNode call(Call call) throws PartnerFailure {
    try {
      return call.send(access.headers());
    } catch (PartnerFailure f) {
      if (!"401".equals(f.code()) || !access.renew()) {
        throw f;
      }
    }
    try {
      return call.send(access.headers());
    } catch (PartnerFailure f) {
      if ("401".equals(f.code())) {
        throw PartnerFailure.permanent("UNAUTHORIZED", "WISEflow refused a freshly fetched token: " + f.getMessage());
      }
      throw f;
    }
  }
}
