package no.examhub.simulator.inspera;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/test/search} as Inspera's "Search test API" answers it: {@code {hits, page,
 * results[{assessmentRunId, assessmentRunTitle, externalId, status, startTime, endTime, isTemplate,
 * metadataUrl}]}}, a page at a time; {@code externalId} is not a parameter and is refused.
 */
final class InsperaSearch {
  private InsperaSearch() {}

  /**
   * {@code externalTestID} (also {@code title}, {@code query}) matches by substring, so a search can
   * hit more tests than the one asked for; {@code page} counts from 1.
   */
  static void answer(Context ctx, InsperaTenant tenant) {
    if (ctx.queryParam("externalId") != null) {
      throw InsperaError.of(400, "Unknown query parameter: externalId (use externalTestID)");
    }
    String external = ctx.queryParam("externalTestID");
    String title = ctx.queryParam("title");
    int page = pageOf(ctx.queryParam("page"));
    List<Map<String, Object>> hits = new ArrayList<>();
    for (Map<String, Object> t : tenant.tests()) {
      boolean matches = (external == null || InsperaSimulator.externalIdOf(t).contains(external))
          && (title == null || InsperaSimulator.titleOf(t).contains(title));
      if (matches) {
        hits.add(result(t));
      }
    }
    hits.sort(java.util.Comparator.comparing(h -> h.get("assessmentRunId").toString()));
    int size = tenant.searchPageSize();
    int from = Math.min(hits.size(), (page - 1) * size);
    ctx.json(Map.of("hits", hits.size(), "page", page, "results", hits.subList(from, Math.min(hits.size(), from + size))));
  }

  private static int pageOf(String page) {
    try {
      int p = page == null ? 1 : Integer.parseInt(page);
      if (p < 1) {
        throw InsperaError.of(400, "page starts at 1");
      }
      return p;
    } catch (NumberFormatException e) {
      throw InsperaError.of(400, "page must be a number");
    }
  }

  private static Map<String, Object> result(Map<String, Object> t) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("assessmentRunId", t.get("assessmentRunId"));
    r.put("assessmentRunTitle", InsperaSimulator.titleOf(t));
    r.put("externalId", InsperaSimulator.externalIdOf(t));
    r.put("status", "ACTIVE");
    r.put("startTime", "2026-06-01T09:00:00Z");
    r.put("endTime", "2026-06-01T13:00:00Z");
    r.put("isTemplate", false);
    r.put("metadataUrl", "/v1/test/" + t.get("assessmentRunId"));
    return r;
  }

}
