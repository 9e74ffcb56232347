package no.examhub.simulator.wiseflow;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import no.examhub.platform.crypto.Hmac;

/**
 * WISEflow's {@code POST /oauth2/token} (OpenAPI 1.34.0: form-encoded client_id, client_secret,
 * grant_type=client_credentials; a token valid one hour) and the bearer tokens it issued. Refusals
 * use the OAuth2 error shape the spec gives it ({@code oauth2TokenError}).
 */
final class WiseflowOAuth {
  static final long LIFETIME_SECONDS = 3600;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Instant> issued = new ConcurrentHashMap<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private final Clock clock = Clock.systemUTC();

  void token(Context ctx) {
    String type = ctx.contentType() == null ? "" : ctx.contentType();
    if (!type.startsWith("application/x-www-form-urlencoded")) {
      refuse(ctx, "invalid_request", "the body must be application/x-www-form-urlencoded");
      return;
    }
    if (!"client_credentials".equals(ctx.formParam("grant_type"))) {
      refuse(ctx, "unsupported_grant_type", "grant_type must be client_credentials");
      return;
    }
    String id = ctx.formParam("client_id");
    String secret = ctx.formParam("client_secret");
    // Both compared in constant time, whichever is wrong.
    boolean idOk = id != null && Hmac.equal(WiseflowSimulator.CLIENT_ID, id);
    boolean secretOk = secret != null && Hmac.equal(WiseflowSimulator.CLIENT_SECRET, secret);
    if (!(idOk & secretOk)) {
      refuse(ctx, "invalid_client", "client authentication failed");
      return;
    }
    fetches.incrementAndGet();
    String token = HexFormat.of().formatHex(bytes());
    issued.put(token, clock.instant().plusSeconds(LIFETIME_SECONDS));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("access_token", token);
    answer.put("token_type", "Bearer");
    answer.put("expires_in", LIFETIME_SECONDS);
    answer.put("scope", "");
    ctx.json(answer);
  }

  boolean valid(String token) {
    Instant expires = issued.get(token);
    return expires != null && clock.instant().isBefore(expires);
  }

  /** Forgets every token, as if they had expired: the next call with one is answered 401. */
  void revokeAll() {
    issued.clear();
  }

  int fetches() {
    return fetches.get();
  }

  private static void refuse(Context ctx, String error, String description) {
    ctx.status(400).json(Map.of("error", error, "error_description", description));
  }

  private static byte[] bytes() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return b;
  }
}
