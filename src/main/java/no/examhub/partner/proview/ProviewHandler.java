package no.examhub.partner.proview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.platform.json.Json;

/**
 * Talview Proview (seed 002): after a termination callback, log in with the test-admin account
 * ({@code POST /v1/user/login}), reuse the token until shortly before {@code expires_in}, log in
 * again on 401, and fetch the session with its rating ({@code GET /v1/sessions/{uuid}} with
 * {@code Authorization: Bearer} and {@code app-id}).
 */
public final class ProviewHandler implements PartnerHandler {
  public static final String FETCH_SESSION = "fetch-session";
  /** Renew this long before the token expires, so a call never races the expiry. */
  private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

  private final PartnerHttp http;
  private final ProviewSettings settings;
  private final Clock clock;
  private String token;
  private Instant tokenExpires = Instant.EPOCH;

  public ProviewHandler(PartnerHttp http, ProviewSettings settings, Clock clock) {
    this.http = http;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Partner partner() {
    return Partner.PROVIEW;
  }

  @Override
  public JsonNode execute(Command command) throws PartnerFailure {
    if (!FETCH_SESSION.equals(command.operation())) {
      throw PartnerFailure.permanent("UNKNOWN_OPERATION", "Proview cannot " + command.operation());
    }
    String uuid = command.payload().path("sessionUuid").asText();
    JsonNode session;
    try {
      session = fetch(uuid, command.commandId());
    } catch (PartnerFailure f) {
      if (!"401".equals(f.code())) {
        throw f;
      }
      token = null;
      session = fetch(uuid, command.commandId());
    }
    return proctoringResult(session);
  }

  private JsonNode fetch(String uuid, String idempotencyKey) throws PartnerFailure {
    return http.get(settings.apiUrl() + "/v1/sessions/" + uuid, idempotencyKey,
        Map.of("Authorization", "Bearer " + token(idempotencyKey), "app-id", settings.appId()));
  }

  private synchronized String token(String idempotencyKey) throws PartnerFailure {
    if (token == null || clock.instant().isAfter(tokenExpires.minus(RENEW_BEFORE_EXPIRY))) {
      JsonNode login = http.post(settings.authUrl() + "/v1/user/login",
          Map.of("username", settings.username(), "password", settings.password()), idempotencyKey + "-login", Map.of());
      token = login.path("access_token").asText(null);
      if (token == null) {
        throw PartnerFailure.permanent("LOGIN_FAILED", "Proview login answered no access_token");
      }
      tokenExpires = clock.instant().plusSeconds(login.path("expires_in").asLong(3600));
    }
    return token;
  }

  /** The proctoring outcome: the rating and what an examiner needs to judge it. */
  static JsonNode proctoringResult(JsonNode session) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    for (String field : new String[] {"uuid", "external_id", "final_rating", "status", "session_started_at",
        "session_ended_at", "title", "type"}) {
      if (session.hasNonNull(field)) {
        r.set(field, session.get(field));
      }
    }
    if (session.has("system_info")) {
      r.set("system_info", session.get("system_info"));
    }
    return r;
  }
}
