package no.examhub.simulator.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;
import no.examhub.simulator.script.PartnerScript;

/**
 * The institution's archive under {@code /archive}: {@code POST /v1/records} (Examhub's choice,
 * see {@code ArchiveHandler}) with a bearer token, recording each record and answering its
 * archive id; a repeated {@code Idempotency-Key} gets the same id and files nothing twice.
 */
public final class ArchiveSimulator implements HttpRoutes {
  /** The demo institution's archive token; {@code DemoData} seeds it as the demo's credentials. */
  public static final String TOKEN = "demo-archive-token";

  /** A filed record and the id the archive gave it. */
  public record Filed(String archiveId, JsonNode record) {}

  private final PartnerScript script = new PartnerScript();
  private final List<Filed> filed = new CopyOnWriteArrayList<>();
  private final Map<String, String> idsByKey = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong(1);

  public PartnerScript script() {
    return script;
  }

  public List<Filed> filed() {
    return List.copyOf(filed);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/archive/v1/records", this::file);
  }

  private void file(Context ctx) {
    boolean fresh = script.enter(ctx);
    String auth = ctx.header("Authorization");
    if (auth == null || !auth.startsWith("Bearer ")) {
      throw new ApiException(ErrorCode.MISSING_CREDENTIALS, "A bearer token is required.");
    }
    if (!Hmac.equal(TOKEN, auth.substring(7).trim())) {
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "The token is not valid.");
    }
    JsonNode record = body(ctx);
    for (String field : List.of("recordType", "institution", "vurdId", "externalReference")) {
      if (record.path(field).asText("").isBlank()) {
        throw new ApiException(ErrorCode.MALFORMED_REQUEST, field + " is missing.");
      }
    }
    String key = ctx.header("Idempotency-Key");
    String archiveId = !fresh && key != null && idsByKey.containsKey(key) ? idsByKey.get(key) : file(record, key);
    ctx.status(201).json(Map.of("archiveId", archiveId));
  }

  private String file(JsonNode record, String key) {
    String archiveId = String.format("ARK-%06d", next.getAndIncrement());
    filed.add(new Filed(archiveId, record));
    if (key != null) {
      idsByKey.put(key, archiveId);
    }
    return archiveId;
  }

  private static JsonNode body(Context ctx) {
    try {
      JsonNode body = Json.MAPPER.readTree(ctx.bodyAsBytes());
      if (body != null && body.isObject()) {
        return body;
      }
    } catch (IOException e) {
      // answered below, through the error contract
    }
    throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Body is not a JSON object.");
  }
}
