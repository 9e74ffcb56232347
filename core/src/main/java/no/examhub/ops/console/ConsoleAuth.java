package no.examhub.ops.console;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;
import no.examhub.access.ApiClient;
import no.examhub.access.ApiClientDirectory;
import no.examhub.access.Scopes;
import no.examhub.platform.crypto.Hmac;

/**
 * Who is signed in to the console. An operator signs in with the same bearer token, scopes and
 * institutions as the operator API ({@code admin}); every request finds the operator again from
 * the session's token hash, so revoking, expiring or re-scoping a token takes effect at the next
 * click. The cookie is HttpOnly, SameSite=Strict, limited to {@code /console}, and Secure when
 * the request came over HTTPS (directly or through a proxy that says so).
 */
final class ConsoleAuth {
  static final String COOKIE = "examhub_console";

  /** An operator with a live session. */
  record SignedIn(ApiClient operator, ConsoleSessions.Session session) {}

  /** Why a token was refused, in words the login page can show. */
  enum Refusal { UNKNOWN, EXPIRED, NOT_AN_OPERATOR }

  private final ApiClientDirectory clients;
  private final ConsoleSessions sessions;
  private final Clock clock;

  ConsoleAuth(ApiClientDirectory clients, ConsoleSessions sessions, Clock clock) {
    this.clients = clients;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Signs in with a token: a session cookie, or why not. The token is never logged or echoed. */
  Optional<Refusal> signIn(Context ctx, String token) {
    Optional<ApiClient> client = token == null || token.isBlank() ? Optional.empty() : clients.byToken(token.trim());
    Optional<Refusal> refusal = refusal(client);
    if (refusal.isPresent()) {
      return refusal;
    }
    String id = sessions.open(Hmac.sha256Hex(token.trim()), clock.instant());
    ctx.header("Set-Cookie", cookie(ctx, id, ""));
    return Optional.empty();
  }

  Optional<SignedIn> signedIn(Context ctx) {
    return sessions.find(ctx.cookie(COOKIE), clock.instant()).flatMap(s -> clients.byTokenHash(s.tokenHash())
        .filter(c -> refusal(Optional.of(c)).isEmpty()).map(c -> new SignedIn(c, s)));
  }

  /** Whether a form's CSRF token is the session's, in constant time. */
  static boolean csrfMatches(SignedIn user, String presented) {
    return Hmac.equal(user.session().csrf(), presented);
  }

  void signOut(Context ctx) {
    sessions.close(ctx.cookie(COOKIE));
    ctx.header("Set-Cookie", cookie(ctx, "", "; Max-Age=0"));
  }

  private Optional<Refusal> refusal(Optional<ApiClient> client) {
    if (client.isEmpty()) {
      return Optional.of(Refusal.UNKNOWN);
    }
    if (client.get().expiredAt(clock.instant())) {
      return Optional.of(Refusal.EXPIRED);
    }
    if (!Scopes.grants(client.get().scopes(), Scopes.ADMIN)) {
      return Optional.of(Refusal.NOT_AN_OPERATOR);
    }
    return Optional.empty();
  }

  /** Written by hand so that every attribute is visible here; a session cookie (no Max-Age) ends with the browser. */
  private static String cookie(Context ctx, String value, String extra) {
    return COOKIE + "=" + value + "; Path=/console; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : "") + extra;
  }

  private static boolean secure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }
}
