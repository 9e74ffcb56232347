package no.examhub.partner.inspera;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHttp;

/**
 * Inspera's API (seed 003) for one command: the institution's API key as {@code Authorization:
 * Bearer}, the command id as {@code Idempotency-Key} on every call. Finding a test by its external
 * id (FS's vurdId) and a candidate by candidate number is shared by every case operation.
 */
final class InsperaClient {
  private final PartnerHttp http;
  private final String baseUrl;
  private final Map<String, String> auth;
  private final String idempotencyKey;

  InsperaClient(PartnerHttp http, String baseUrl, String apiKey, String idempotencyKey) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.auth = Map.of("Authorization", "Bearer " + apiKey);
    this.idempotencyKey = idempotencyKey;
  }

  JsonNode get(String path) throws PartnerFailure {
    return http.get(baseUrl + path, idempotencyKey, auth);
  }

  JsonNode post(String path, Object body) throws PartnerFailure {
    return http.post(baseUrl + path, body, idempotencyKey, auth);
  }

  /** {@code GET /v1/test/search?externalId=}: the test whose external id is the vurdId. */
  String testIdOf(String vurdId) throws PartnerFailure {
    required(vurdId, "vurdId");
    JsonNode found = get("/v1/test/search?externalId=" + URLEncoder.encode(vurdId, StandardCharsets.UTF_8));
    for (JsonNode t : found.path("tests")) {
      if (vurdId.equals(t.path("externalId").asText())) {
        return t.path("assessmentRunId").asText();
      }
    }
    throw PartnerFailure.permanent("TEST_NOT_FOUND", "Inspera has no test with external id " + vurdId);
  }

  /** {@code GET /v1/test/{testId}}: the test with its metadata and candidates. */
  JsonNode test(String testId) throws PartnerFailure {
    return get("/v1/test/" + required(testId, "testId"));
  }

  /** The candidate with this candidate number (Inspera's {@code candidateId}) on the test. */
  static JsonNode candidate(JsonNode test, String kandidatnr) throws PartnerFailure {
    for (JsonNode c : test.path("candidates")) {
      if (c.path("candidateId").asText().equals(kandidatnr)) {
        return c;
      }
    }
    throw PartnerFailure.permanent("CANDIDATE_NOT_FOUND",
        "test " + test.path("assessmentRunId").asText() + " has no candidate with that candidate number");
  }

  static String required(String value, String name) throws PartnerFailure {
    if (value == null || value.isBlank()) {
      throw PartnerFailure.permanent("MISSING_FIELD", "the command has no " + name);
    }
    return value;
  }
}
