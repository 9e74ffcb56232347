package no.examhub.ops.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import no.examhub.access.ApiClient;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.flow.proctoring.RosterStore;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import org.bson.Document;

/**
 * The operator's erasure API (bearer token with scope {@code erasure}):
 * {@code POST /api/institutions/{institution}/erasures} with {@code {"candidate": "<kandidatnr>"}}
 * erases one candidate of one institution and answers 202 with the erasure's id;
 * {@code GET /api/institutions/{institution}/erasures/{id}} answers its record. The case stores
 * forget the candidate asynchronously, in order after what their partitions already hold.
 */
public final class ErasureRoutes implements HttpRoutes {
  public static final String PATH = "/api/institutions/{institution}/erasures";
  private static final Pattern CANDIDATE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final BearerAuth auth;
  private final InstitutionDirectory institutions;
  private final Erasures erasures;

  ErasureRoutes(BearerAuth auth, InstitutionDirectory institutions, Erasures erasures) {
    this.auth = auth;
    this.institutions = institutions;
    this.erasures = erasures;
  }

  public static ErasureRoutes of(BearerAuth auth, InstitutionDirectory institutions, DurableProducer producer,
      RosterStore roster, MongoDatabase database, String environment, Duration ackTimeout, MeterRegistry registry) {
    return new ErasureRoutes(auth, institutions,
        new Erasures(producer, roster, database, environment, ackTimeout, Clock.systemUTC(), registry));
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(PATH, this::request);
    routes.get(PATH + "/{id}", this::status);
  }

  private void request(Context ctx) throws Exception {
    ApiClient client = auth.require(ctx, Scopes.ERASURE);
    String institution = institution(ctx, client);
    String candidate = candidate(ctx.bodyAsBytes());
    Document record;
    try {
      record = erasures.erase(institution, candidate, client.clientId());
    } catch (RosterStore.Unavailable | TimeoutException | ExecutionException e) {
      throw new ApiException(ErrorCode.BACKEND_DOWN, "The erasure could not be written everywhere; repeat it.",
          Map.of("Retry-After", "1"));
    }
    ctx.status(202).contentType("application/json").result(Json.bytes(view(record)));
  }

  private void status(Context ctx) {
    ApiClient client = auth.require(ctx, Scopes.ERASURE);
    Document record = erasures.find(institution(ctx, client), ctx.pathParam("id"))
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No such erasure for this institution."));
    ctx.status(200).contentType("application/json").result(Json.bytes(view(record)));
  }

  /** An institution the operator may not see is answered like one that does not exist. */
  private String institution(Context ctx, ApiClient client) {
    return institutions.find(ctx.pathParam("institution"))
        .filter(i -> client.mayAccess(i.shortName()))
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Unknown institution."))
        .shortName();
  }

  private static String candidate(byte[] body) {
    try {
      JsonNode candidate = Json.tree(body).get("candidate");
      if (candidate != null && candidate.isValueNode() && CANDIDATE.matcher(candidate.asText()).matches()) {
        return candidate.asText();
      }
    } catch (RuntimeException e) {
      // Answered below with the same message as a missing field.
    }
    throw new ApiException(ErrorCode.MALFORMED_REQUEST,
        "Body must be {\"candidate\": \"<candidate number>\"} (letters, digits, . _ -, at most 64).");
  }

  private static Map<String, Object> view(Document d) {
    Map<String, Object> v = new java.util.LinkedHashMap<>(d);
    v.put("erasureId", v.remove("_id"));
    return v;
  }
}
