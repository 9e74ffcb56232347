package no.examhub.simulator.wiseflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;
import no.examhub.simulator.script.PartnerScript;

/**
 * WISEflow's API as its OpenAPI 1.34.0 publishes it, under {@code /wiseflow/v1} (the servers'
 * {@code /v1}), for the endpoints Examhub uses: flows by source code ({@code POST /sources/search},
 * and the deprecated {@code GET /license/sis/flows/{sisCode}} with its base64 SIS code), basic
 * flow information, paged participants, reassessment flows and explanation requests. Every call is
 * authenticated by {@code x-api-key} or by a bearer token from {@code POST /oauth2/token} (client
 * credentials). It refuses what WISEflow refuses, in WISEflow's error shape: a wrong path (the
 * singular {@code /flow/{id}/participants} included) is 404, a page over 100 or a missing
 * {@code showJustification} is 400. Timestamps are unix seconds and enums integers, as WISEflow
 * sends them.
 */
public final class WiseflowSimulator implements HttpRoutes {
  /** The demo licence's API key; {@code DemoData} seeds it as the demo's WISEflow credentials. */
  public static final String API_KEY = "demo-wiseflow-api-key";
  /** The demo licence's OAuth2 client (a credential's username and secret when auth is OAUTH2). */
  public static final String CLIENT_ID = "demo-wiseflow-client";
  public static final String CLIENT_SECRET = "demo-wiseflow-client-secret";
  public static final String BASE = "/wiseflow/v1";
  static final int MAX_LIMIT = 100;

  private final PartnerScript script = new PartnerScript();
  private final WiseflowFlows flows = WiseflowFlows.demo();
  private final WiseflowExplanations explanations = new WiseflowExplanations();
  private final WiseflowOAuth oauth = new WiseflowOAuth();
  private final Map<Long, Long> reassessments = new ConcurrentHashMap<>();
  private final AtomicLong nextReassessmentFlowId = new AtomicLong(547);

  public PartnerScript script() {
    return script;
  }

  public WiseflowExplanations explanations() {
    return explanations;
  }

  public WiseflowFlows flows() {
    return flows;
  }

  /** How many tokens {@code /oauth2/token} has issued. */
  public int tokenFetches() {
    return oauth.fetches();
  }

  /** Every issued token stops working, as after its hour: the next call with one gets a 401. */
  public void revokeTokens() {
    oauth.revokeAll();
  }

  /** The reassessment flow created for a flow, if any. */
  public Long reassessmentOf(long flowId) {
    return reassessments.get(flowId);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(BASE + "/oauth2/token", oauth::token);
    routes.get(BASE + "/license/sis/flows/{sisCode}", api(this::flowsBySisCode));
    routes.post(BASE + "/sources/search", api(this::searchSources));
    routes.get(BASE + "/flow/{flowId}", api(ctx -> ctx.json(flows.flow(flowId(ctx)).asBasicFlow())));
    routes.get(BASE + "/flows/{flowId}/participants", api(this::participants));
    routes.post(BASE + "/flow/{flowId}/reassessment", api(this::reassessment));
    routes.post(BASE + "/flow/{flowId}/explanation/request", api(ctx -> explanations.request(ctx, flows)));
    routes.get(BASE + "/flow/{flowId}/explanation/request/{id}", ctx -> guarded(ctx, fresh -> explanations.read(ctx, fresh)));
    routes.patch(BASE + "/flow/{flowId}/explanation/request/{id}", api(explanations::show));
    // Anything else under the API, e.g. the singular /flow/{id}/participants, is not WISEflow's: 404.
    Handler notFound = api(ctx -> {
      throw WiseflowError.notFound("Not found");
    });
    for (String path : List.of(BASE + "/*", BASE)) {
      routes.get(path, notFound);
      routes.post(path, notFound);
      routes.patch(path, notFound);
      routes.put(path, notFound);
      routes.delete(path, notFound);
    }
  }

  private interface Fresh {
    void handle(boolean fresh);
  }

  private Handler api(Handler handler) {
    return ctx -> guarded(ctx, fresh -> {
      try {
        handler.handle(ctx);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Script first (failures, latency, recording), then authentication, then the call; refusals in WISEflow's shape. */
  private void guarded(Context ctx, Fresh call) {
    boolean fresh = script.enter(ctx);
    try {
      authenticate(ctx);
      call.handle(fresh);
    } catch (WiseflowError e) {
      e.write(ctx);
    }
  }

  /** {@code x-api-key: <key>}, or {@code Authorization: Bearer <token>} with a token this licence issued. */
  private void authenticate(Context ctx) {
    String key = ctx.header("x-api-key");
    if (key != null) {
      if (!Hmac.equal(API_KEY, key)) {
        throw WiseflowError.unauthorized("Invalid API key");
      }
      return;
    }
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.startsWith("Bearer ")) {
      if (!oauth.valid(authorization.substring("Bearer ".length()).trim())) {
        // A raw API key used as a bearer token lands here too: it is no token WISEflow issued.
        throw WiseflowError.unauthorized("Invalid or expired access token");
      }
      return;
    }
    throw WiseflowError.unauthorized("Missing x-api-key or bearer token");
  }

  /** Deprecated, but served: the SIS code must be base64 (then URL-encoded, which the path decoding undoes). */
  private void flowsBySisCode(Context ctx) {
    String encoded = ctx.pathParam("sisCode");
    String sisCode;
    try {
      byte[] raw = Base64.getDecoder().decode(encoded);
      if (!Base64.getEncoder().encodeToString(raw).equals(encoded)) {
        throw new IllegalArgumentException("not canonical");
      }
      sisCode = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw)).toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw WiseflowError.badRequest("sisCode must be base64-encoded and then url-encoded");
    }
    ctx.json(flows.bySisCode(sisCode).stream().map(WiseflowFlows.Flow::asSearchFlow).toList());
  }

  private void searchSources(Context ctx) {
    Page page = page(ctx);
    JsonNode body = body(ctx);
    JsonNode code = body.get("sourceCode");
    if (code == null || !code.isTextual()) {
      throw WiseflowError.badRequest("sourceCode is required");
    }
    if (body.has("flowId") && !body.get("flowId").isNull() && !body.get("flowId").isIntegralNumber()) {
      throw WiseflowError.badRequest("flowId must be an integer");
    }
    boolean searchable = false;
    for (String parameter : code.asText().split("\\|\\|")) {
      searchable |= !parameter.equals("*") && parameter.length() >= 3;
    }
    if (!searchable) {
      throw WiseflowError.badRequest("At least one parameter with 3 characters or more is required");
    }
    Long flowId = body.path("flowId").isIntegralNumber() ? body.get("flowId").asLong() : null;
    List<Map<String, Object>> hits = flows.bySourceCode(code.asText()).stream()
        .filter(f -> flowId == null || f.flowId() == flowId).map(WiseflowFlows.Flow::asSource).toList();
    ctx.json(paged(hits, page));
  }

  private void participants(Context ctx) {
    Page page = page(ctx);
    List<WiseflowFlows.Participant> all = flows.flow(flowId(ctx)).participants();
    List<Map<String, Object>> listed = new java.util.ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      listed.add(all.get(i).asListed(i + 1));
    }
    ctx.json(paged(listed, page));
  }

  /** One reassessment flow per flow: 201 when created, 200 with the existing one (not queued again). */
  private void reassessment(Context ctx) {
    long flowId = flows.flow(flowId(ctx)).flowId();
    boolean synchronize = false;
    if (!ctx.body().isBlank()) {
      JsonNode sync = body(ctx).get("synchronize");
      if (sync != null && !sync.isBoolean()) {
        throw WiseflowError.badRequest("synchronize must be a boolean");
      }
      synchronize = sync != null && sync.asBoolean();
    }
    boolean[] created = {false};
    long id = reassessments.computeIfAbsent(flowId, f -> {
      created[0] = true;
      return nextReassessmentFlowId.getAndIncrement();
    });
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("reassessmentFlowId", id);
    answer.put("queuedForSynchronization", created[0] && synchronize);
    ctx.status(created[0] ? 201 : 200).json(answer);
  }

  private record Page(int offset, int limit) {}

  /** {@code offset} (from 0) and {@code limit} (1 to 100, default 100), as WISEflow's paged lists take them. */
  private static Page page(Context ctx) {
    int offset = integer(ctx, "offset", 0);
    int limit = integer(ctx, "limit", MAX_LIMIT);
    if (offset < 0) {
      throw WiseflowError.badRequest("offset must not be negative");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw WiseflowError.badRequest("limit must be between 1 and " + MAX_LIMIT);
    }
    return new Page(offset, limit);
  }

  private static int integer(Context ctx, String name, int absent) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return absent;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw WiseflowError.badRequest(name + " must be an integer");
    }
  }

  private static Map<String, Object> paged(List<Map<String, Object>> all, Page page) {
    List<Map<String, Object>> slice = all.subList(Math.min(page.offset(), all.size()),
        Math.min(page.offset() + page.limit(), all.size()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("success", true);
    answer.put("data", slice);
    answer.put("pagination", Map.of("limit", page.limit(), "offset", page.offset(), "total", all.size()));
    return answer;
  }

  static long flowId(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("flowId"));
    } catch (NumberFormatException e) {
      throw WiseflowError.badRequest("flowId must be an integer");
    }
  }

  static JsonNode body(Context ctx) {
    try {
      JsonNode body = Json.MAPPER.readTree(ctx.bodyAsBytes());
      if (body == null || !body.isObject()) {
        throw WiseflowError.badRequest("The body must be a JSON object");
      }
      return body;
    } catch (IOException e) {
      throw WiseflowError.badRequest("The body must be a JSON object");
    }
  }
}
