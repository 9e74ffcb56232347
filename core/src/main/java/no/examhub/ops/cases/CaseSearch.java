package no.examhub.ops.cases;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import no.examhub.access.ApiClient;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.RequestIds;
import no.examhub.platform.json.Json;

/**
 * {@code GET /api/cases?flow=&state=&institution=&vurdId=&kandidatnr=&testId=&flowId=&limit=}:
 * the operator's cases of every instance ({@link CaseReader#search}), asked with the caller's own
 * credential; {@code local=true} (what a peer is asked, and every delegated request) answers from
 * this instance's store alone.
 */
final class CaseSearch {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 1000;

  private final CaseReader reader;

  CaseSearch(CaseReader reader) {
    this.reader = reader;
  }

  void search(Context ctx, ApiClient operator, boolean delegated) {
    CaseFilter filter = CaseFilter.of(ctx::queryParam);
    int limit = limit(ctx.queryParam("limit"));
    boolean localOnly = delegated || "true".equals(ctx.queryParam("local"));
    CaseReader.Found found = reader.search(operator, filter, limit, localOnly, CaseRoutes.sameCredential(ctx),
        RequestIds.of(ctx));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("count", found.cases().size());
    body.put("instances", found.instances());
    body.put("cases", found.cases());
    ctx.contentType("application/json").result(Json.bytes(body));
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw new ApiException(ErrorCode.MALFORMED_REQUEST, "limit must be 1-" + MAX_LIMIT);
  }
}
