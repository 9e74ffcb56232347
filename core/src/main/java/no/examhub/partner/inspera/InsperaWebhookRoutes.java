package no.examhub.partner.inspera;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import no.examhub.event.Topics;
import no.examhub.ingress.RawIngress;
import no.examhub.ingress.SignatureVerifier.Verdict;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.platform.http.AccessLog;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.Authenticated;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.IsoInstants;
import no.examhub.platform.json.Json;

/**
 * {@code POST /webhooks/inspera/{institution}}: Inspera's webhooks. Inspera counts anything but
 * {@code 200 OK} within 10 s as a failure and retries it 3 times, so the answer is 200 and only
 * after the raw request is durable.
 * <ul>
 *   <li>A new subscription's validation POST ({@code "event": "verification"}, Inspera KB
 *       "Webhooks") is answered 200 and not stored. Its signature is not required: the secret was
 *       stored a moment before and this instance may not have read it yet; it carries nothing.</li>
 *   <li>Every other request must carry a valid signature, made with any one of the institution's
 *       secrets (several while one is rotated; every one is compared, in constant time).</li>
 *   <li>A signed body whose own {@code timestamp} is older than {@code maxAge} (the dedup window
 *       minus a margin) is refused ({@code 400 70418}): deduplication may have forgotten it, so a
 *       captured copy replayed now would count as new. A timestamp that does not parse is left to
 *       the normaliser, which dead-letters it.</li>
 *   <li>A body without {@code event} is refused with 400 and counted: it is not a notification
 *       Inspera documents, and its three retries are harmless (each is refused and counted).</li>
 *   <li>The event name is mapped to its meaning by the institution's configuration and stored beside
 *       the request; a name with no meaning is still stored (answered 200, as a retry would not
 *       change it) but counted and listed for the operator ({@link UnknownInsperaEvents}).</li>
 * </ul>
 */
public final class InsperaWebhookRoutes implements HttpRoutes {
  public static final String SOURCE = "inspera";
  public static final String PATH = "/webhooks/inspera/{institution}";
  private static final byte[] ACCEPTED = Json.bytes(Map.of("status", "accepted"));
  private static final byte[] VALIDATED = Json.bytes(Map.of("status", "subscription endpoint ok"));

  private final InstitutionDirectory institutions;
  private final RawIngress ingress;
  private final UnknownInsperaEvents unknown;
  private final Clock clock;
  private final Duration maxAge;

  /** @param maxAge how old a body's own timestamp may be: the dedup window minus a margin */
  public InsperaWebhookRoutes(InstitutionDirectory institutions, RawIngress ingress, UnknownInsperaEvents unknown,
      Clock clock, Duration maxAge) {
    this.institutions = institutions;
    this.ingress = ingress;
    this.unknown = unknown;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(PATH, this::receive);
  }

  private void receive(Context ctx) {
    Institution institution = ingress.activeInstitution(institutions, SOURCE, ctx.pathParam("institution"));
    AccessLog.institution(ctx, institution.shortName(), institution.instance());
    requireJsonOrNoContentType(ctx);
    byte[] body = ctx.bodyAsBytes();
    InsperaWebhook hook = parse(body);
    AccessLog.event(ctx, hook.event());
    if (InsperaEventNames.VERIFICATION.equals(hook.event())) {
      ctx.status(200).contentType("application/json").result(VALIDATED);
      return;
    }
    Verdict verdict = InsperaSignature.VERIFIER.verify(ctx::header, body, institution.secrets().inspera());
    if (!verdict.valid()) {
      throw reject(verdict.code(), verdict.message());
    }
    Authenticated.as(ctx, institution.shortName());
    refuseWhenStale(hook.timestamp());
    if (hook.hasNoEvent()) {
      unknown.missingEvent(institution.shortName());
      throw reject(ErrorCode.MALFORMED_REQUEST, "event is missing.");
    }
    if (hook.objectId() == null) {
      throw reject(ErrorCode.MALFORMED_REQUEST, "contextObjectId is missing.");
    }
    String meaning = InsperaEventNames.meaningOf(institution.partners().inspera(), hook.event()).orElse("");
    if (meaning.isEmpty()) {
      unknown.unknown(institution.shortName(), hook.event(), hook.objectId());
    }
    String key = institution.shortName() + "/" + hook.objectId();
    ingress.accept(ctx, Topics.RAW_INSPERA, SOURCE, institution.shortName(), key, 200, ACCEPTED,
        Map.of(InsperaEventNames.MEANING_HEADER, meaning));
  }

  private void refuseWhenStale(String timestamp) {
    Instant sent;
    try {
      sent = timestamp == null ? null : IsoInstants.parse(timestamp);
    } catch (DateTimeParseException unreadable) {
      return;
    }
    if (sent != null && sent.isBefore(clock.instant().minus(maxAge))) {
      throw reject(ErrorCode.STALE_REQUEST, "timestamp is older than " + maxAge
          + " (the dedup window minus its margin): Examhub can no longer tell it from a replay.");
    }
  }

  private void requireJsonOrNoContentType(Context ctx) {
    String type = ctx.contentType();
    if (type != null && !type.isBlank() && !type.toLowerCase().contains("json")) {
      throw reject(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json.");
    }
  }

  private InsperaWebhook parse(byte[] body) {
    if (isBlank(body)) {
      throw reject(ErrorCode.MALFORMED_REQUEST, "Body is empty (an Inspera webhook is a JSON object).");
    }
    try {
      InsperaWebhook hook = Json.MAPPER.readValue(body, InsperaWebhook.class);
      if (hook == null) {
        throw reject(ErrorCode.MALFORMED_REQUEST, "Body is not a valid Inspera webhook (JSON object expected).");
      }
      return hook;
    } catch (IOException e) {
      throw reject(ErrorCode.MALFORMED_REQUEST, "Body is not a valid Inspera webhook (JSON object expected).");
    }
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  private ApiException reject(ErrorCode code, String message) {
    return ingress.reject(SOURCE, code, message);
  }
}
