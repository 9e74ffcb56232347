package no.examhub.access;

import io.javalin.http.Context;
import java.time.Clock;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;

/**
 * Authenticates {@code Authorization: Bearer <token>} against the API clients and checks a scope.
 * The token is looked up by its SHA-256 (see {@link ApiClientDirectory}) and never logged.
 */
public final class BearerAuth {
  private static final String PREFIX = "Bearer ";

  private final ApiClientDirectory clients;
  private final Clock clock;

  public BearerAuth(ApiClientDirectory clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  /** The calling client; throws 70402, 70401, 70405 or 70403 through the error contract. */
  public ApiClient require(Context ctx, String scope) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        || header.substring(PREFIX.length()).isBlank()) {
      throw new ApiException(ErrorCode.MISSING_CREDENTIALS, "Authorization: Bearer token is missing");
    }
    ApiClient client = clients.byToken(header.substring(PREFIX.length()).trim())
        .orElseThrow(() -> new ApiException(ErrorCode.INVALID_CREDENTIALS, "unknown bearer token"));
    if (client.expiredAt(clock.instant())) {
      throw ApiException.of(ErrorCode.EXPIRED_TOKEN);
    }
    if (!client.scopes().contains(scope)) {
      throw new ApiException(ErrorCode.FORBIDDEN, "this token lacks the scope " + scope);
    }
    return client;
  }
}
