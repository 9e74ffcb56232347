package no.examhub.simulator.inspera;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;
import no.examhub.simulator.PartnerScript;

/**
 * Inspera's API as seeds 003 and 000 use it, under {@code /inspera}: test search by external id,
 * test metadata, appeals and their withdrawal, test options, explanation requests and published
 * explanations, the webhook event list, and the test-events export ({@link InsperaExportJobs}).
 * Every call needs {@code Authorization: Bearer} {@link #API_KEY}; every effect is applied once per
 * {@code Idempotency-Key}, and tests read back what was applied.
 */
public final class InsperaSimulator implements HttpRoutes {
  public static final String API_KEY = "demo-inspera-api-key";
  /** Events a webhook subscription may name ({@code GET /v1/subscription/events}). */
  static final List<String> EVENTS = List.of("confirm_final_grades", "candidate_submitted",
      "resource_created", "explanation_published", "appeal_decision", "event_by_candidates_export_finished");

  /** An effect the simulator applied: which endpoint, on which test, with which body. */
  public record Applied(String kind, String testId, Map<String, Object> body) {}

  private final PartnerScript script = new PartnerScript();
  private final Map<String, Map<String, Object>> tests = new ConcurrentHashMap<>();
  private final Map<String, List<Map<String, Object>>> explanations = new ConcurrentHashMap<>();
  private final List<Applied> applied = new CopyOnWriteArrayList<>();
  private final InsperaExportJobs exports = new InsperaExportJobs(this);

  /** With the demo tests (consistent with the FS simulator's demo cases). */
  public static InsperaSimulator demo() {
    InsperaSimulator inspera = new InsperaSimulator();
    InsperaDemoTests.addTo(inspera);
    return inspera;
  }

  public PartnerScript script() {
    return script;
  }

  public List<Applied> applied() {
    return List.copyOf(applied);
  }

  public List<Applied> applied(String kind) {
    return applied.stream().filter(a -> a.kind().equals(kind)).toList();
  }

  /** A test as {@code GET /v1/test/{testId}} answers it; found by search under its external id. */
  public void putTest(Map<String, Object> test) {
    tests.put(test.get("assessmentRunId").toString(), test);
  }

  public void putPublishedExplanation(String testId, Map<String, Object> explanation) {
    explanations.computeIfAbsent(testId, t -> new CopyOnWriteArrayList<>()).add(explanation);
  }

  /** The export a test's events job produces: generated, of this size. Tests need not exist otherwise. */
  public void putExport(String testId, GeneratedExport.Spec spec) {
    exports.put(testId, spec);
  }

  boolean knows(String testId) {
    return tests.containsKey(testId);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/inspera/v1/subscription/events", ctx -> ctx.json(Map.of("events", EVENTS)));
    routes.get("/inspera/v1/test/search", this::search);
    routes.get("/inspera/v1/test/{testId}", ctx -> {
      authorised(ctx);
      ctx.json(test(ctx));
    });
    routes.post("/inspera/v1/test/{testId}/appeals", ctx -> apply(ctx, "appeal"));
    routes.post("/inspera/v1/test/{testId}/appeals/withdraw", ctx -> apply(ctx, "withdrawal"));
    routes.post("/inspera/v1/test/{testId}/options", ctx -> apply(ctx, "options"));
    routes.post("/inspera/v1/test/{testId}/explanations", ctx -> apply(ctx, "explanation-request"));
    routes.get("/inspera/v1/test/{testId}/explanations", ctx -> {
      authorised(ctx);
      test(ctx);
      ctx.json(Map.of("explanations", explanations.getOrDefault(ctx.pathParam("testId"), List.of())));
    });
    exports.register(routes);
  }

  private void search(Context ctx) {
    authorised(ctx);
    String externalId = ctx.queryParam("externalId");
    List<Map<String, Object>> found = tests.values().stream()
        .filter(t -> externalId == null || externalId.equals(externalIdOf(t)))
        .map(t -> Map.<String, Object>of("assessmentRunId", t.get("assessmentRunId"), "externalId", externalIdOf(t),
            "title", ((Map<?, ?>) t.get("generalInfo")).get("title")))
        .toList();
    ctx.json(Map.of("totalCount", found.size(), "tests", found));
  }

  private void apply(Context ctx, String kind) {
    boolean fresh = authorised(ctx);
    test(ctx);
    Map<String, Object> body = body(ctx);
    if (fresh) {
      applied.add(new Applied(kind, ctx.pathParam("testId"), body));
    }
    ctx.status(201).json(Map.of("status", "ok"));
  }

  /** Enters the script (recording, scripted failures), then checks the API key; true when the key is new. */
  boolean authorised(Context ctx) {
    boolean fresh = script.enter(ctx);
    String auth = ctx.header("Authorization");
    if (auth == null || !auth.startsWith("Bearer ")) {
      throw new ApiException(ErrorCode.MISSING_CREDENTIALS, "Authorization: Bearer is missing");
    }
    if (!MessageDigest.isEqual(API_KEY.getBytes(StandardCharsets.UTF_8),
        auth.substring(7).getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "invalid API key");
    }
    return fresh;
  }

  private Map<String, Object> test(Context ctx) {
    Map<String, Object> test = tests.get(ctx.pathParam("testId"));
    if (test == null) {
      throw new ApiException(ErrorCode.NOT_FOUND, "No such test.");
    }
    return test;
  }

  private static Map<String, Object> body(Context ctx) {
    try {
      return Json.MAPPER.readValue(ctx.bodyAsBytes(),
          Json.MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
    } catch (java.io.IOException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Body is not a JSON object.");
    }
  }

  private static String externalIdOf(Map<String, Object> test) {
    return String.valueOf(((Map<?, ?>) test.get("externalTestInfo")).get("externalId"));
  }
}
