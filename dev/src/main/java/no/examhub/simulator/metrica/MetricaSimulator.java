package no.examhub.simulator.metrica;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.json.Json;

/**
 * A fake Metrica back end under {@code /metrica}: published tests, saved responses, results (also
 * as QTI XML), seeded with {@link MetricaDemoData}. Scriptable for tests: {@link #failNext} answers
 * the next requests with an error status, {@link #delay} holds every answer back.
 *
 * <p>Strict as the real one: every request must carry {@code Authorization: Bearer} with
 * Examhub's Metrica credential ({@link #TOKEN}), else {@code 401 70401} (70402 when missing).
 */
public final class MetricaSimulator {
  /** The access token Examhub's demo Metrica account holds; nothing else is accepted. */
  public static final String TOKEN = "demo-metrica-backend-token";

  private final Map<String, List<JsonNode>> savedResponses = new ConcurrentHashMap<>();
  private final AtomicInteger failures = new AtomicInteger();
  private volatile int failureStatus = 500;
  private volatile Duration delay = Duration.ZERO;
  private final AtomicInteger requests = new AtomicInteger();

  public void register(RoutesConfig routes) {
    routes.before("/metrica/*", this::script);
    routes.get("/metrica/{version}/publishedtests", ctx -> ctx.json(MetricaDemoData.publishedTests(
        ctx.queryParam("product"), ctx.queryParam("from"), ctx.queryParam("to"))));
    routes.get("/metrica/{version}/publishedtests/{testId}",
        ctx -> ctx.json(found(MetricaDemoData.test(ctx.pathParam("testId")))));
    routes.get("/metrica/v1/test-player/testresponse/{testId}", ctx -> ctx.json(Map.of(
        "testId", ctx.pathParam("testId"),
        "responses", savedResponses.getOrDefault(ctx.pathParam("testId"), List.of()))));
    routes.post("/metrica/v1/test-player/saveResponse", this::save);
    routes.get("/metrica/v1/results/{testInstanceId}",
        ctx -> ctx.json(found(MetricaDemoData.result(ctx.pathParam("testInstanceId")))));
    routes.get("/metrica/v1/results/{tinId}/qti", ctx -> ctx.contentType("application/xml")
        .result(found(MetricaDemoData.qti(ctx.pathParam("tinId")))));
  }

  /** The next {@code times} requests are answered {@code status} (a Metrica outage). */
  public void failNext(int times, int status) {
    failureStatus = status;
    failures.set(times);
  }

  /** Every answer waits this long first (a slow Metrica). */
  public void delay(Duration delay) {
    this.delay = delay;
  }

  /** How many requests reached the simulator. */
  public int requests() {
    return requests.get();
  }

  private void script(Context ctx) throws InterruptedException {
    requests.incrementAndGet();
    String authorization = ctx.header("Authorization");
    if (authorization == null || authorization.isBlank()) {
      throw ApiException.of(ErrorCode.MISSING_CREDENTIALS);
    }
    if (!no.examhub.platform.crypto.Hmac.equal("Bearer " + TOKEN, authorization.trim())) {
      throw ApiException.of(ErrorCode.INVALID_CREDENTIALS);
    }
    if (!delay.isZero()) {
      Thread.sleep(delay.toMillis());
    }
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      ctx.status(failureStatus).result("simulated failure").skipRemainingHandlers();
    }
  }

  private void save(Context ctx) {
    JsonNode response;
    try {
      response = Json.MAPPER.readTree(ctx.bodyAsBytes());
    } catch (java.io.IOException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Body is not valid JSON.");
    }
    JsonNode testId = response == null ? null : response.get("testId");
    if (testId == null || testId.asText().isBlank()) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "testId is missing.");
    }
    savedResponses.computeIfAbsent(testId.asText(), id -> new CopyOnWriteArrayList<>()).add(response);
    ctx.json(Map.of("status", "saved", "testId", testId.asText()));
  }

  private static <T> T found(T value) {
    if (value == null) {
      throw ApiException.of(ErrorCode.NOT_FOUND);
    }
    return value;
  }
}
