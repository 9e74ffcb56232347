package no.examhub.partner.inspera;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.examhub.dispatch.Changing;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.platform.json.Json;

/**
 * The appeal and explanation operations of seed 003 against Inspera. Each resolves the test by
 * vurdId and the candidate by candidate number unless the command already carries the ids, and
 * answers with the ids it used, which the topology needs to place Inspera's later events.
 */
final class InsperaCaseOperations {
  private InsperaCaseOperations() {}

  /** {@code POST /v1/test/{testId}/appeals}: result {testId, candidateUserId}. */
  static JsonNode registerAppeal(InsperaClient api, JsonNode payload) throws PartnerFailure {
    Resolved r = resolve(api, payload);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("candidateId", r.kandidatnr());
    body.put("userId", r.candidateUserId());
    body.put("deadline", text(payload, "sensurfrist"));
    body.put("originalCommitteeId", text(payload, "kommisjonsidOppr"));
    body.put("newCommitteeId", text(payload, "kommisjonsidNy"));
    Changing.call(r.ids(), () -> api.post("/v1/test/" + r.testId() + "/appeals", body));
    return r.ids();
  }

  /** {@code POST /v1/test/{testId}/appeals/withdraw} with the candidateId: result {testId, candidateUserId}. */
  static JsonNode withdrawAppeal(InsperaClient api, JsonNode payload) throws PartnerFailure {
    Resolved r = resolve(api, payload);
    Changing.call(r.ids(), () -> api.post("/v1/test/" + r.testId() + "/appeals/withdraw",
        Map.of("candidateId", r.kandidatnr())));
    return r.ids();
  }

  /** {@code POST /v1/test/{testId}/options}, turning on the post-explanation module: result {testId}. */
  static JsonNode enableExplanationOption(InsperaClient api, JsonNode payload) throws PartnerFailure {
    String testId = text(payload, "testId") != null ? text(payload, "testId") : api.testIdOf(text(payload, "vurdId"));
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.put("testId", testId);
    Changing.call(result, () -> api.post("/v1/test/" + testId + "/options",
        Map.of("testOptions", Map.of("postExplanation", true))));
    return result;
  }

  /** {@code POST /v1/test/{testId}/explanations} for the candidate: result {testId, candidateUserId}. */
  static JsonNode requestExplanation(InsperaClient api, JsonNode payload) throws PartnerFailure {
    Resolved r = resolve(api, payload);
    Map<String, Object> candidate = new LinkedHashMap<>();
    candidate.put("userId", r.candidateUserId());
    candidate.put("candidateId", r.kandidatnr());
    candidate.put("requestedOn", text(payload, "requestedOn"));
    Changing.call(r.ids(), () -> api.post("/v1/test/" + r.testId() + "/explanations",
        Map.of("candidates", List.of(candidate))));
    return r.ids();
  }

  /**
   * {@code GET /v1/test/{testId}/explanations} (published ones only), this candidate's: result
   * {testId, candidateUserId, explanation: {url, document, contentType, givenAt}}. Not published
   * yet is retried: the webhook may overtake the API.
   */
  static JsonNode fetchExplanation(InsperaClient api, JsonNode payload) throws PartnerFailure {
    Resolved r = resolve(api, payload);
    for (JsonNode e : api.get("/v1/test/" + r.testId() + "/explanations").path("explanations")) {
      boolean mine = r.candidateUserId().equals(e.path("userId").asText())
          || r.kandidatnr() != null && r.kandidatnr().equals(e.path("candidateId").asText());
      if (mine && "PUBLISHED".equalsIgnoreCase(e.path("status").asText("PUBLISHED"))) {
        ObjectNode result = r.ids();
        ObjectNode explanation = result.putObject("explanation");
        explanation.put("url", text(e, "url"));
        explanation.put("document", text(e, "documentName"));
        explanation.put("contentType", text(e, "contentType"));
        explanation.put("givenAt", text(e, "publishedDate"));
        return result;
      }
    }
    throw PartnerFailure.retryable("EXPLANATION_NOT_PUBLISHED", "test " + r.testId() + " has no published explanation for the candidate yet");
  }

  private record Resolved(String testId, String candidateUserId, String kandidatnr) {
    ObjectNode ids() {
      ObjectNode n = Json.MAPPER.createObjectNode();
      n.put("testId", testId);
      n.put("candidateUserId", candidateUserId);
      return n;
    }
  }

  /** The ids the command carries, or looked up: search by vurdId, then the test's candidate list. */
  private static Resolved resolve(InsperaClient api, JsonNode payload) throws PartnerFailure {
    String kandidatnr = text(payload, "kandidatnr");
    String testId = text(payload, "testId");
    String userId = text(payload, "candidateUserId");
    if (testId != null && userId != null) {
      return new Resolved(testId, userId, kandidatnr);
    }
    if (testId == null) {
      testId = api.testIdOf(text(payload, "vurdId"));
    }
    JsonNode candidate = InsperaClient.candidate(api.test(testId), InsperaClient.required(kandidatnr, "kandidatnr"));
    return new Resolved(testId, candidate.path("userId").asText(), kandidatnr);
  }

  /** A payload field as text; an empty one counts as missing (Inspera's ids are never empty). */
  static String text(JsonNode node, String field) {
    String v = Json.text(node, field);
    return v == null || v.isEmpty() ? null : v;
  }
}
