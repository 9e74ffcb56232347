package no.examhub.partner.proctoring;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.event.RosterEntry;
import no.examhub.event.Topics;
import no.examhub.flow.proctoring.RosterStore;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.ErrorContract;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.RecordWriter;

/**
 * {@code PUT /api/roster/{institution}/{examId}} (bearer token with scope {@code admin}): replaces
 * an exam's roster. Every candidate is written to the compacted roster topic with the access code
 * keyed (HMAC); candidates the previous upload had and this one lacks get a tombstone. The answer comes
 * once every record is acknowledged. The writes are not one transaction: after a 503 some may have
 * landed, and repeating the same PUT (it is idempotent) completes them.
 */
public final class RosterUploadRoutes implements HttpRoutes {
  public static final String PATH = "/api/roster/{institution}/{examId}";

  private final BearerAuth auth;
  private final InstitutionDirectory institutions;
  private final RosterStore roster;
  private final RecordWriter producer;
  private final Duration ackTimeout;
  private final AccessCodeKey key;

  public RosterUploadRoutes(BearerAuth auth, InstitutionDirectory institutions, RosterStore roster, AccessCodeKey key,
      RecordWriter producer, Duration ackTimeout) {
    this.key = key;
    this.auth = auth;
    this.institutions = institutions;
    this.roster = roster;
    this.producer = producer;
    this.ackTimeout = ackTimeout;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.put(PATH, this::upload);
  }

  private void upload(Context ctx) {
    // Another institution's roster, to an operator scoped elsewhere, is an unknown institution.
    var operator = auth.requireFor(ctx, Scopes.ADMIN, ctx.pathParam("institution"),
        () -> new ApiException(ErrorCode.NOT_FOUND, "Unknown institution."));
    String institution = institutions.find(ctx.pathParam("institution")).map(i -> i.shortName())
        .filter(operator::mayAccess)
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Unknown institution."));
    String examId = ctx.pathParam("examId");
    List<RosterEntry> entries = RosterEntries.from(institution, examId, parse(ctx.bodyAsBytes()), key);
    List<String> removed = previousKeysNotIn(institution, examId, entries);
    List<CompletableFuture<?>> acks = new ArrayList<>();
    entries.forEach(e -> acks.add(producer.send(Topics.ROSTER, e.key(), e)));
    removed.forEach(key -> acks.add(producer.send(Topics.ROSTER, key, null)));
    byte[] body = Json.bytes(Map.of("institution", institution, "examId", examId,
        "candidates", entries.size(), "removed", removed.size()));
    ctx.future(() -> CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
        .orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((done, error) -> {
          if (error == null) {
            ctx.status(200).contentType("application/json").result(body);
          } else {
            ctx.header("Retry-After", Long.toString(Math.max(1, ackTimeout.toSeconds())));
            ErrorContract.write(ctx, ErrorCode.BACKEND_DOWN, "Not every roster record was acknowledged; "
                + "repeat the upload.");
          }
          return null;
        }));
  }

  private List<String> previousKeysNotIn(String institution, String examId, List<RosterEntry> entries) {
    Set<String> kept = entries.stream().map(RosterEntry::key).collect(Collectors.toSet());
    try {
      return roster.allOfExam(institution, examId).stream().map(RosterEntry::key)
          .filter(key -> !kept.contains(key)).toList();
    } catch (RosterStore.Unavailable e) {
      throw new ApiException(ErrorCode.BACKEND_DOWN, "The roster is being loaded; please retry shortly.",
          Map.of("Retry-After", "1"));
    }
  }

  private static RosterUpload parse(byte[] body) {
    try {
      RosterUpload upload = Json.MAPPER.readValue(body, RosterUpload.class);
      if (upload != null) {
        return upload;
      }
    } catch (IOException e) {
      // Answered below with the same message as a null body.
    }
    throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Body is not a valid roster (JSON object expected).");
  }
}
