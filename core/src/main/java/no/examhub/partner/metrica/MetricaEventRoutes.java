package no.examhub.partner.metrica;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.event.Topics;
import no.examhub.ingress.RawIngress;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.http.RequestIds;
import no.examhub.platform.json.Json;

/**
 * Metrica's notifications (seed 004 items 1, 6, 11): {@code POST /metrica/v1/tests/event},
 * {@code .../results/event} and {@code .../feedback/event}, bearer token with scope
 * {@code metrica:publish}, a JSON object as body. Answered {@code 200 {"status":"accepted"}} once
 * the raw request is durable on {@code examhub.raw.metrica} (Mule answered synchronously, and a
 * 200 tells Metrica it need not resend).
 *
 * <p>The key is {@code kind/id}: the kind ({@code tests}, {@code results}, {@code feedback}) lets
 * the results queue pick its events without parsing every body; the id is the event's own:
 * {@code testInstanceId} (or {@code tinId}) for results and feedback, which belong to one sitting,
 * else {@code testId}; so one test's (one sitting's) events stay in order on one partition. The
 * event shape is not documented, so an event carrying none of these ids is still taken, keyed by
 * its request id.
 *
 * <p>A results event that arrives while the results queue is at its bound
 * ({@code EXAMHUB_METRICA_QUEUE_MAX}) is refused {@code 503 70509} with {@code Retry-After}, and
 * counted ({@code examhub_metrica_queue_refused_total}): Metrica retries it later, and the queue's
 * memory stays bounded.
 */
final class MetricaEventRoutes implements HttpRoutes {
  static final String SOURCE = "metrica";
  /** Metrica's events belong to no FS institution: its owner, Cambridge, stands in. */
  static final String ORIGIN = "cambridge";
  static final String TESTS = "tests";
  static final String RESULTS = "results";
  static final String FEEDBACK = "feedback";
  private static final List<String> SITTING_IDS = List.of("testInstanceId", "tinId", "testId");
  private static final List<String> TEST_IDS = List.of("testId");
  private static final byte[] ACCEPTED = Json.bytes(Map.of("status", "accepted"));

  private final BearerAuth auth;
  private final RawIngress ingress;
  private final BooleanSupplier queueFull;
  private final Counter refused;

  MetricaEventRoutes(BearerAuth auth, RawIngress ingress, BooleanSupplier queueFull, MeterRegistry registry) {
    this.auth = auth;
    this.ingress = ingress;
    this.queueFull = queueFull;
    this.refused = Counter.builder("examhub.metrica.queue.refused")
        .description("Metrica results events refused with 503 because the results queue was at its bound")
        .register(registry);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/metrica/v1/tests/event", ctx -> receive(ctx, TESTS, TEST_IDS));
    routes.post("/metrica/v1/results/event", ctx -> receive(ctx, RESULTS, SITTING_IDS));
    routes.post("/metrica/v1/feedback/event", ctx -> receive(ctx, FEEDBACK, SITTING_IDS));
  }

  private void receive(Context ctx, String kind, List<String> idFields) {
    try {
      auth.require(ctx, Scopes.METRICA_PUBLISH);
      if (RESULTS.equals(kind) && queueFull.getAsBoolean()) {
        refused.increment();
        throw new ApiException(ErrorCode.QUEUE_FULL, "The results queue is full; please retry later.",
            Map.of("Retry-After", "30"));
      }
      requireJson(ctx);
      JsonNode event = parse(ctx.bodyAsBytes());
      String key = kind + "/" + idOf(event, idFields, RequestIds.of(ctx));
      ingress.accept(ctx, Topics.RAW_METRICA, SOURCE, ORIGIN, key, 200, ACCEPTED);
    } catch (ApiException e) {
      ingress.rejected(SOURCE, e.code());
      throw e;
    }
  }

  /** A missing Content-Type is tolerated, as for Inspera; a non-JSON one is not. */
  private static void requireJson(Context ctx) {
    String type = ctx.contentType();
    if (type != null && !type.isBlank() && !type.toLowerCase().contains("json")) {
      throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json.");
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode node = body.length == 0 ? null : Json.MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Body must be a JSON object.");
      }
      return node;
    } catch (IOException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Body is not valid JSON.");
    }
  }

  static String idOf(JsonNode event, List<String> fields, String fallback) {
    for (String field : fields) {
      JsonNode value = event.get(field);
      if (value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return fallback;
  }
}
