package no.examhub.partner.inspera;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHttp;

/**
 * Inspera's API for one command, on the institution's own tenant: every call carries {@code
 * Authorization: Bearer <access token>} from the token exchange ({@link InsperaTokens}), never the
 * API key. A 401 means the token lapsed or was revoked: it is exchanged once more and the call
 * repeated once; a second 401 fails. The command id travels as {@code Idempotency-Key}, which
 * Inspera does not document (harmless; docs/partners.md says what protects each operation).
 */
final class InsperaClient {
  /** A search for an external id that matches more tests than this is not followed further. */
  static final int MAX_SEARCH_PAGES = 50;

  @FunctionalInterface
  private interface Call {
    JsonNode send(Map<String, String> auth) throws PartnerFailure;
  }

  private final PartnerHttp http;
  private final InsperaTokens tokens;
  private final InsperaTokens.Tenant tenant;
  private final String idempotencyKey;

  InsperaClient(PartnerHttp http, InsperaTokens tokens, InsperaTokens.Tenant tenant, String idempotencyKey) {
    this.http = http;
    this.tokens = tokens;
    this.tenant = tenant;
    this.idempotencyKey = idempotencyKey;
  }

  JsonNode get(String path) throws PartnerFailure {
    return authorised(auth -> http.get(tenant.baseUrl() + path, idempotencyKey, auth));
  }

  JsonNode post(String path, Object body) throws PartnerFailure {
    return authorised(auth -> http.post(tenant.baseUrl() + path, body, idempotencyKey, auth));
  }

  JsonNode delete(String path) throws PartnerFailure {
    return authorised(auth -> http.delete(tenant.baseUrl() + path, idempotencyKey, auth));
  }

  private JsonNode authorised(Call call) throws PartnerFailure {
    String token = tokens.token(tenant);
    try {
      return call.send(Map.of("Authorization", "Bearer " + token));
    } catch (PartnerFailure f) {
      if (!"401".equals(f.code())) {
        throw f;
      }
      tokens.invalidate(tenant, token);
    }
    String fresh = tokens.token(tenant);
    try {
      return call.send(Map.of("Authorization", "Bearer " + fresh));
    } catch (PartnerFailure f) {
      if ("401".equals(f.code())) {
        tokens.invalidate(tenant, fresh);
        throw PartnerFailure.permanent("INSPERA_UNAUTHORIZED",
            "Inspera refused a freshly exchanged token for " + tenant.institution() + ": " + f.getMessage());
      }
      throw f;
    }
  }

  /**
   * {@code GET /v1/test/search?externalTestID=<vurdId>&page=<n>}, answered {@code {hits, page,
   * results[]}}: the test whose {@code externalId} is exactly the vurdId. The search may match more
   * than that one test, so pages are followed (from 1) until it is found or the hits are exhausted.
   */
  String testIdOf(String vurdId) throws PartnerFailure {
    required(vurdId, "vurdId");
    String query = "/v1/test/search?externalTestID=" + URLEncoder.encode(vurdId, StandardCharsets.UTF_8);
    long seen = 0;
    for (int page = 1; page <= MAX_SEARCH_PAGES; page++) {
      JsonNode found = get(query + "&page=" + page);
      JsonNode results = found.path("results");
      for (JsonNode t : results) {
        if (vurdId.equals(t.path("externalId").asText())) {
          String id = t.path("assessmentRunId").asText("");
          if (id.isEmpty()) {
            throw PartnerFailure.permanent("UNREADABLE_ANSWER", "Inspera's search result has no assessmentRunId");
          }
          return id;
        }
      }
      seen += results.size();
      if (results.isEmpty() || seen >= found.path("hits").asLong(0)) {
        break;
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
