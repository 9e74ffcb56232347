package no.examhub.partner.proctoring;

import io.javalin.http.Context;
import no.examhub.institution.WebhookSecrets;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.http.ErrorCode;

/**
 * The vendor proves itself with {@code x-client-id} and {@code x-client-secret} on every request.
 * Only the secret's SHA-256 is stored; both values are compared in constant time.
 */
final class ProctoringCredentials {
  static final String CLIENT_ID = "x-client-id";
  static final String CLIENT_SECRET = "x-client-secret";

  private ProctoringCredentials() {}

  /** Null when the request is authentic, else the error to answer with. */
  static ErrorCode check(Context ctx, WebhookSecrets secrets) {
    String clientId = ctx.header(CLIENT_ID);
    String clientSecret = ctx.header(CLIENT_SECRET);
    if (isBlank(clientId) || isBlank(clientSecret)) {
      return ErrorCode.MISSING_CREDENTIALS;
    }
    // Both are checked whatever the first gives, so the timing does not tell which one was wrong.
    boolean idMatches = Hmac.equal(secrets.proctoringClientId(), clientId);
    boolean secretMatches = Hmac.matchesHash(secrets.proctoringClientSecretHash(), clientSecret);
    return idMatches & secretMatches ? null : ErrorCode.INVALID_CREDENTIALS;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
