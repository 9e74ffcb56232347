package no.examhub.simulator.inspera;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;
import no.examhub.simulator.script.PartnerScript;

/**
 * Inspera's API as ../shared/partners/README.md and seeds 003 and 000 describe it, for any number
 * of tenants, each under {@code /inspera/{domain}/api} (as {@code https://<domain>/api} in
 * production) with its own API keys, tokens, tests and subscriptions ({@link InsperaTenant}).
 * The token exchange is Inspera's exactly ({@code POST /authenticate/token/}, the key in the
 * {@code code} header, form content type, empty body); every API call needs {@code Authorization:
 * Bearer <access token>}, and a raw API key there is refused. Test search takes {@code
 * externalTestID} and answers {@code {hits, page, results[]}} in pages; {@code externalId} is
 * refused. Every effect is applied once per {@code Idempotency-Key}, and tests read back what was applied.
 */
public final class InsperaSimulator implements HttpRoutes {
  /** The demo institution's Inspera tenant. */
  public static final String DEMO_DOMAIN = "demo.inspera.no";
  /** The demo tenant's integration user's API key (exchanged for a token, never sent as one). */
  public static final String API_KEY = "demo-inspera-api-key";
  /** The demo tenant's client id (seed 003's {@code insperaClientCode}). */
  public static final String DEMO_CLIENT_ID = "examhub-demo";
  /** Events a webhook subscription may name ({@code GET /v1/subscription/events}). */
  static final List<String> EVENTS = List.of("confirm_final_grades", "candidate_submitted",
      "resource_created", "explanation_published", "appeal_decision", "event_by_candidates_export_finished");
  static final String PREFIX = "/inspera/{domain}/api";

  /** An effect the simulator applied: which endpoint, on which test, with which body. */
  public record Applied(String kind, String testId, Map<String, Object> body) {}

  private final PartnerScript script = new PartnerScript();
  private final Map<String, InsperaTenant> tenants = new ConcurrentHashMap<>();
  private final InsperaExportJobs exports = new InsperaExportJobs(this);
  private final InsperaTokenEndpoint tokens = new InsperaTokenEndpoint(this);
  /** Exchanges in flight per tenant and key: a second concurrent one is Inspera's 409. */
  final Map<String, AtomicInteger> exchangesInFlight = new ConcurrentHashMap<>();

  /** With the demo tenant and its tests (consistent with the FS simulator's demo cases). */
  public static InsperaSimulator demo() {
    InsperaSimulator inspera = new InsperaSimulator();
    inspera.addTenant(DEMO_DOMAIN, DEMO_CLIENT_ID).withApiKey(API_KEY);
    InsperaDemoTests.addTo(inspera);
    return inspera;
  }

  /** A tenant of its own (an institution's Inspera), with no keys, tests or subscriptions yet. */
  public InsperaTenant addTenant(String domain, String clientId) {
    InsperaTenant tenant = new InsperaTenant(domain, clientId);
    tenants.put(domain, tenant);
    return tenant;
  }

  public InsperaTenant tenant(String domain) {
    InsperaTenant t = tenants.get(domain);
    if (t == null) {
      throw new IllegalArgumentException("no simulated Inspera tenant " + domain);
    }
    return t;
  }

  public InsperaTenant demoTenant() {
    return tenant(DEMO_DOMAIN);
  }

  public PartnerScript script() {
    return script;
  }

  /** What was applied on the demo tenant. */
  public List<Applied> applied() {
    return demoTenant().applied();
  }

  public List<Applied> applied(String kind) {
    return applied().stream().filter(a -> a.kind().equals(kind)).toList();
  }

  /** A test on the demo tenant, as {@code GET /v1/test/{testId}} answers it; found by search under its external id. */
  public void putTest(Map<String, Object> test) {
    demoTenant().putTest(test);
  }

  public void putPublishedExplanation(String testId, Map<String, Object> explanation) {
    demoTenant().putPublishedExplanation(testId, explanation);
  }

  /** The export a test's events job produces: generated, of this size. Tests need not exist otherwise. */
  public void putExport(String testId, GeneratedExport.Spec spec) {
    exports.put(testId, spec);
  }

  /** This test's export jobs stay PENDING for ever, as a job Inspera never finishes. */
  public void exportNeverFinishes(String testId) {
    exports.neverFinish(testId);
  }

  /** An export job ordered by someone other than Examhub (an Inspera user); its jobId. */
  public String orderExportElsewhere(String testId) {
    return exports.newJob(testId);
  }

  @Override
  public void register(RoutesConfig routes) {
    tokens.register(routes);
    routes.get(PREFIX + "/v1/subscription/events", ctx -> {
      authorised(ctx);
      ctx.json(Map.of("events", EVENTS));
    });
    routes.get(PREFIX + "/v1/subscription", ctx -> ctx.json(authorised(ctx).subscriptions().listing()));
    routes.post(PREFIX + "/v1/subscription", this::subscribe);
    routes.delete(PREFIX + "/v1/subscription/{id}", this::unsubscribe);
    routes.get(PREFIX + "/v1/test/search", ctx -> InsperaSearch.answer(ctx, authorised(ctx)));
    routes.get(PREFIX + "/v1/test/{testId}", ctx -> ctx.json(test(authorised(ctx), ctx)));
    routes.post(PREFIX + "/v1/test/{testId}/appeals", ctx -> apply(ctx, "appeal"));
    routes.post(PREFIX + "/v1/test/{testId}/appeals/withdraw", ctx -> apply(ctx, "withdrawal"));
    routes.post(PREFIX + "/v1/test/{testId}/options", ctx -> apply(ctx, "options"));
    routes.post(PREFIX + "/v1/test/{testId}/explanations", ctx -> apply(ctx, "explanation-request"));
    routes.get(PREFIX + "/v1/test/{testId}/explanations", ctx -> {
      InsperaTenant tenant = authorised(ctx);
      test(tenant, ctx);
      ctx.json(Map.of("explanations", tenant.explanations(ctx.pathParam("testId"))));
    });
    exports.register(routes);
  }

  private void subscribe(Context ctx) {
    InsperaTenant tenant = authorised(ctx);
    Map<String, Object> body = body(ctx);
    String event = string(body.get("event"));
    String endpoint = string(body.get("endpoint"));
    String secret = string(body.get("secret"));
    if (event == null || endpoint == null || secret == null) {
      throw InsperaError.of(400, "event, endpoint and secret are required");
    }
    if (!EVENTS.contains(event)) {
      throw InsperaError.of(400, "Unsupported event: " + event);
    }
    InsperaSubscriptions.Subscription s = tenant.subscriptions().register(event, endpoint, secret)
        .orElseThrow(() -> InsperaError.of(400, "Endpoint validation failed: it did not answer 200 OK"));
    ctx.status(201).json(s.listed());
  }

  private void unsubscribe(Context ctx) {
    InsperaTenant tenant = authorised(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw InsperaError.of(400, "subscriptionId must be a number");
    }
    if (!tenant.subscriptions().remove(id)) {
      throw InsperaError.of(404, "No such subscription");
    }
    ctx.status(204);
  }

  private void apply(Context ctx, String kind) {
    boolean fresh = script.enter(ctx);
    InsperaTenant tenant = checkBearer(ctx);
    test(tenant, ctx);
    Map<String, Object> body = body(ctx);
    if (fresh) {
      tenant.apply(new Applied(kind, ctx.pathParam("testId"), body));
    }
    ctx.status(201).json(Map.of("status", "ok"));
  }

  /** Enters the script (recording, scripted failures), then checks the access token; answers the tenant. */
  InsperaTenant authorised(Context ctx) {
    script.enter(ctx);
    return checkBearer(ctx);
  }

  /** A live access token issued by this tenant; an API key, or another tenant's token, is refused. */
  private InsperaTenant checkBearer(Context ctx) {
    InsperaTenant tenant = tenantOf(ctx);
    String auth = ctx.header("Authorization");
    if (auth == null || !auth.startsWith("Bearer ")) {
      throw InsperaError.of(401, "Full authentication is required to access this resource");
    }
    if (!tenant.liveToken(auth.substring(7))) {
      throw InsperaError.of(401, "Invalid or expired access token");
    }
    return tenant;
  }

  InsperaTenant tenantOf(Context ctx) {
    InsperaTenant tenant = tenants.get(ctx.pathParam("domain"));
    if (tenant == null) {
      throw InsperaError.of(404, "No such tenant");
    }
    return tenant;
  }

  boolean knows(String testId) {
    return tenants.values().stream().anyMatch(t -> t.test(testId) != null);
  }

  private static Map<String, Object> test(InsperaTenant tenant, Context ctx) {
    Map<String, Object> test = tenant.test(ctx.pathParam("testId"));
    if (test == null) {
      throw InsperaError.of(404, "No such test");
    }
    return test;
  }

  private static Map<String, Object> body(Context ctx) {
    try {
      return Json.MAPPER.readValue(ctx.bodyAsBytes(),
          Json.MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
    } catch (java.io.IOException e) {
      throw InsperaError.of(400, "Body is not a JSON object");
    }
  }

  private static String string(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  static String externalIdOf(Map<String, Object> test) {
    return String.valueOf(((Map<?, ?>) test.get("externalTestInfo")).get("externalId"));
  }

  static String titleOf(Map<String, Object> test) {
    return String.valueOf(((Map<?, ?>) test.get("generalInfo")).get("title"));
  }
}
