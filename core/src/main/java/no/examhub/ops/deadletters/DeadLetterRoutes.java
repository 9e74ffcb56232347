package no.examhub.ops.deadletters;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.examhub.access.ApiClient;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;

/**
 * The operator's dead-letter API (bearer token with scope {@code admin}):
 * {@code GET /api/dead-letters?partner=&institution=&operation=&errorCode=&limit=} lists failed
 * commands, oldest first, the newest {@code limit} of them, with their id
 * ({@code topic:partition:offset}) and whether they were replayed, from this instance's index, with
 * {@code completeness} ({@code complete}, {@code catching-up} or {@code broker-unreachable}) and
 * {@code droppedOverBound} (per institution, what the index's bound left out);
 * {@code POST /api/dead-letters/replay} replays by ids, by filter or all, each once unless forced,
 * each through its case as it is now: what the case no longer wants is refused with the reason.
 * An operator limited to some institutions lists and replays only theirs.
 */
public final class DeadLetterRoutes implements HttpRoutes {
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  private final BearerAuth auth;
  private final DeadLetters deadLetters;

  public DeadLetterRoutes(BearerAuth auth, DeadLetters deadLetters) {
    this.auth = auth;
    this.deadLetters = deadLetters;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/dead-letters", this::list);
    routes.post("/api/dead-letters/replay", this::replay);
  }

  private void list(Context ctx) {
    ApiClient operator = auth.require(ctx, Scopes.ADMIN);
    DeadLetterFilter filter = new DeadLetterFilter(ctx.queryParam("partner"), ctx.queryParam("institution"),
        ctx.queryParam("operation"), ctx.queryParam("errorCode"));
    DeadLetters.Page page = deadLetters.list(operator, filter, limit(ctx.queryParam("limit")));
    List<Map<String, Object>> items = new ArrayList<>();
    for (DeadLetters.Listed listed : page.items()) {
      StoredDeadLetter d = listed.deadLetter();
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", d.id());
      item.put("key", d.key());
      item.put("replayed", listed.replayed());
      item.put("failed", d.failed());
      items.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", page.total());
    body.put("count", items.size());
    // Whether the index held everything written before this request, and what its bound left out.
    body.put("completeness", page.completeness().state());
    body.put("droppedOverBound", page.completeness().dropped());
    body.put("deadLetters", items);
    ctx.contentType("application/json").result(Json.bytes(body));
  }

  private void replay(Context ctx) {
    ApiClient operator = auth.require(ctx, Scopes.ADMIN);
    ReplayRequest request = body(ctx);
    ReplayResult result = request.hasIds()
        ? deadLetters.replayIds(operator, request.ids(), request.forced(), request.reason())
        : deadLetters.replayMatching(operator, request.filter(), request.forced(), request.reason());
    ctx.contentType("application/json").result(Json.bytes(result));
  }

  /** Exactly one selector, so an empty or mistyped body never replays everything. */
  private static ReplayRequest body(Context ctx) {
    ReplayRequest r;
    try {
      r = Json.read(ctx.bodyAsBytes(), ReplayRequest.class);
    } catch (RuntimeException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "the body must be JSON: {\"ids\": [...]}, a filter or {\"all\": true}");
    }
    int selectors = (r != null && r.hasIds() ? 1 : 0) + (r != null && !r.filter().isEmpty() ? 1 : 0)
        + (r != null && r.isAll() ? 1 : 0);
    if (selectors != 1) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST,
          "give exactly one of ids, a filter (partner, institution, operation, errorCode) or all: true");
    }
    return r;
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw new ApiException(ErrorCode.MALFORMED_REQUEST, "limit must be 1-" + MAX_LIMIT);
  }
}
