package no.examhub.access;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.function.Supplier;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.Authenticated;
import no.examhub.platform.http.ErrorCode;

/**
 * Checks {@code Authorization: Bearer <token>} against the {@link ApiClientDirectory}, in the
 * order a caller can act on: missing token (70402), unknown token (70401), expired token (70405),
 * then a scope the client lacks (403 70403). The token is never logged or echoed. A client limited
 * to some institutions ({@link ApiClient#mayAccess}) gets a route's 404 for any other's data.
 */
public final class BearerAuth {
  private static final String SCHEME = "Bearer";

  private final ApiClientDirectory clients;
  private final Clock clock;

  public BearerAuth(ApiClientDirectory clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  /** The authenticated client when it holds {@code scope}; otherwise throws the matching error. */
  public ApiClient require(Context ctx, String scope) {
    String token = token(ctx.header("Authorization"));
    ApiClient client = clients.byToken(token)
        .orElseThrow(() -> new ApiException(ErrorCode.INVALID_CREDENTIALS,
            "Invalid access token. Please provide a valid access token."));
    return admit(ctx, client, scope, clock);
  }

  /**
   * The known client, once its token's expiry and its scopes are checked (70405, 403 70403):
   * whatever credential named it, a bearer token or a console's delegation.
   */
  static ApiClient admit(Context ctx, ApiClient client, String scope, Clock clock) {
    if (client.expiredAt(clock.instant())) {
      throw ApiException.of(ErrorCode.EXPIRED_TOKEN);
    }
    if (!Scopes.grants(client.scopes(), scope)) {
      throw ApiException.of(ErrorCode.FORBIDDEN);
    }
    // On ingress routes (Metrica's), the client's own rate limit; elsewhere nothing.
    Authenticated.as(ctx, client.clientId());
    return client;
  }

  /**
   * As {@link #require}, for one institution's data: a client scoped to other institutions gets
   * {@code notFound}, the route's own answer for an item that does not exist, so a 404 never
   * tells it that the item exists elsewhere.
   */
  public ApiClient requireFor(Context ctx, String scope, String institution, Supplier<ApiException> notFound) {
    ApiClient client = require(ctx, scope);
    if (!client.mayAccess(institution)) {
      throw notFound.get();
    }
    return client;
  }

  private static String token(String header) {
    if (header == null || header.isBlank()) {
      throw new ApiException(ErrorCode.MISSING_CREDENTIALS, "Missing access token. Please provide a valid access token.");
    }
    String[] parts = header.trim().split("\\s+", 2);
    if (!SCHEME.equalsIgnoreCase(parts[0])) {
      // Another scheme (Basic, a bare token) is a credential we do not accept, not a missing one.
      throw new ApiException(ErrorCode.INVALID_CREDENTIALS, "Authorization must use the Bearer scheme.");
    }
    String token = parts.length < 2 ? "" : parts[1].trim();
    if (token.isEmpty()) {
      throw new ApiException(ErrorCode.MISSING_CREDENTIALS, "Missing access token. Please provide a valid access token.");
    }
    return token;
  }
}
