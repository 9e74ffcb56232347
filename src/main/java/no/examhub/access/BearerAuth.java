package no.examhub.access;

import io.javalin.http.Context;
import java.time.Clock;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;

/**
 * Checks {@code Authorization: Bearer <token>} against the API clients: missing gives 70402,
 * unknown 70401, expired 70405, a client without the scope 403 70403. Tokens are looked up by
 * their SHA-256, never compared in clear, and never logged.
 */
public final class BearerAuth {
  private static final String SCHEME = "bearer ";

  private final ApiClientDirectory clients;
  private final Clock clock;

  public BearerAuth(ApiClientDirectory clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  /** The authenticated client, or an {@link ApiException} with the contract's code. */
  public ApiClient require(Context ctx, String scope) {
    String token = token(ctx.header("Authorization"));
    ApiClient client = clients.byToken(token)
        .orElseThrow(() -> new ApiException(ErrorCode.INVALID_CREDENTIALS, "Invalid bearer token."));
    if (client.expiredAt(clock.instant())) {
      throw ApiException.of(ErrorCode.EXPIRED_TOKEN);
    }
    if (!client.scopes().contains(scope)) {
      throw new ApiException(ErrorCode.FORBIDDEN, "The token lacks the scope " + scope + ".");
    }
    return client;
  }

  private static String token(String header) {
    if (header == null || header.length() <= SCHEME.length()
        || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new ApiException(ErrorCode.MISSING_CREDENTIALS, "Missing Authorization: Bearer header.");
    }
    String token = header.substring(SCHEME.length()).trim();
    if (token.isEmpty()) {
      throw new ApiException(ErrorCode.MISSING_CREDENTIALS, "Missing Authorization: Bearer header.");
    }
    return token;
  }
}
