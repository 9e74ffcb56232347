package no.examhub.access;

import java.time.Instant;
import java.util.Set;

/**
 * A caller that authenticates with {@code Authorization: Bearer <token>} (Metrica and its
 * consumers, operators). Only the token's SHA-256 is stored.
 *
 * @param scopes what the client may do, e.g. {@link Scopes#METRICA_PUBLISH}
 * @param expiresAt after this the token is answered {@code 401 70405}; null for no expiry
 */
public record ApiClient(String clientId, String tokenHash, Set<String> scopes, Instant expiresAt, String description) {
  public ApiClient {
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
  }

  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "ApiClient[" + clientId + ", scopes=" + scopes + ", expiresAt=" + expiresAt + "]";
  }
}
