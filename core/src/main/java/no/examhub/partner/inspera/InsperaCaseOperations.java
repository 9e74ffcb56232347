package no.examhub.partner.inspera;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.examhub.dispatch.Changing;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.event.Payload;
import no.examhub.event.Result;
import no.examhub.platform.json.Json;

/**
 * The appeal and explanation operations of seed 003 against Inspera. Each resolves the test by
 * vurdId and the candidate by candidate number unless the command already carries the ids, and
 * answers with the ids it used, which the topology needs to place Inspera's later events.
 */
final class InsperaCaseOperations {
  private InsperaCaseOperations() {}

  /** {@code POST /v1/test/{testId}/appeals}: result {testId, candidateUserId}. */
  static Result registerAppeal(InsperaClient api, Payload.RegisterAppeal p) throws PartnerFailure {
    Resolved r = resolve(api, p.vurdId(), p.kandidatnr(), null, null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("candidateId", r.kandidatnr());
    body.put("userId", r.candidateUserId());
    body.put("deadline", p.sensurfrist() == null ? null : p.sensurfrist().toString());
    body.put("originalCommitteeId", present(p.kommisjonsidOppr()));
    body.put("newCommitteeId", present(p.kommisjonsidNy()));
    Changing.call(r.ids(), () -> api.post("/v1/test/" + r.testId() + "/appeals", body));
    return r.ids();
  }

  /** {@code POST /v1/test/{testId}/appeals/withdraw} with the candidateId: result {testId, candidateUserId}. */
  static Result withdrawAppeal(InsperaClient api, Payload.WithdrawAppeal p) throws PartnerFailure {
    Resolved r = resolve(api, p.vurdId(), p.kandidatnr(), p.testId(), p.candidateUserId());
    Changing.call(r.ids(), () -> api.post("/v1/test/" + r.testId() + "/appeals/withdraw",
        Map.of("candidateId", r.kandidatnr())));
    return r.ids();
  }

  /** {@code POST /v1/test/{testId}/options}, turning on the post-explanation module: result {testId}. */
  static Result enableExplanationOption(InsperaClient api, Payload.EnableExplanationOption p) throws PartnerFailure {
    String testId = present(p.testId()) != null ? p.testId() : api.testIdOf(present(p.vurdId()));
    Result.InsperaIds result = new Result.InsperaIds(testId, null);
    Changing.call(result, () -> api.post("/v1/test/" + testId + "/options",
        Map.of("testOptions", Map.of("postExplanation", true))));
    return result;
  }

  /** {@code POST /v1/test/{testId}/explanations} for the candidate: result {testId, candidateUserId}. */
  static Result requestExplanation(InsperaClient api, Payload.RequestExplanation p) throws PartnerFailure {
    Resolved r = resolve(api, p.vurdId(), p.kandidatnr(), null, null);
    Map<String, Object> candidate = new LinkedHashMap<>();
    candidate.put("userId", r.candidateUserId());
    candidate.put("candidateId", r.kandidatnr());
    candidate.put("requestedOn", p.requestedOn() == null ? null : p.requestedOn().toString());
    Changing.call(r.ids(), () -> api.post("/v1/test/" + r.testId() + "/explanations",
        Map.of("candidates", List.of(candidate))));
    return r.ids();
  }

  /**
   * {@code GET /v1/test/{testId}/explanations} (published ones only), this candidate's: result
   * {testId, candidateUserId, explanation: {url, document, contentType, givenAt}}. Not published
   * yet is retried: the webhook may overtake the API.
   */
  static Result fetchExplanation(InsperaClient api, Payload.FetchExplanation p) throws PartnerFailure {
    Resolved r = resolve(api, p.vurdId(), p.kandidatnr(), p.testId(), p.candidateUserId());
    for (JsonNode e : api.get("/v1/test/" + r.testId() + "/explanations").path("explanations")) {
      boolean mine = r.candidateUserId().equals(e.path("userId").asText())
          || r.kandidatnr() != null && r.kandidatnr().equals(e.path("candidateId").asText());
      if (mine && "PUBLISHED".equalsIgnoreCase(e.path("status").asText("PUBLISHED"))) {
        return new Result.ExplanationFetched(r.testId(), r.candidateUserId(), new Result.Explanation(
            text(e, "url"), text(e, "documentName"), text(e, "contentType"), text(e, "publishedDate")));
      }
    }
    throw PartnerFailure.retryable("EXPLANATION_NOT_PUBLISHED", "test " + r.testId() + " has no published explanation for the candidate yet");
  }

  private record Resolved(String testId, String candidateUserId, String kandidatnr) {
    Result.InsperaIds ids() {
      return new Result.InsperaIds(testId, candidateUserId);
    }
  }

  /** The ids the command carries, or looked up: search by vurdId, then the test's candidate list. */
  private static Resolved resolve(InsperaClient api, String vurdId, String kandidatnr, String testId, String userId)
      throws PartnerFailure {
    kandidatnr = present(kandidatnr);
    testId = present(testId);
    userId = present(userId);
    if (testId != null && userId != null) {
      return new Resolved(testId, userId, kandidatnr);
    }
    if (testId == null) {
      testId = api.testIdOf(present(vurdId));
    }
    JsonNode candidate = InsperaClient.candidate(api.test(testId), InsperaClient.required(kandidatnr, "kandidatnr"));
    return new Resolved(testId, candidate.path("userId").asText(), kandidatnr);
  }

  /** A field of Inspera's answer as text; an empty one counts as missing (Inspera's ids are never empty). */
  static String text(JsonNode node, String field) {
    return present(Json.text(node, field));
  }

  /** A payload's value; an empty one counts as missing, as in Inspera's answers. */
  static String present(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
