package no.examhub.access;

import java.time.Instant;
import java.util.Set;

/**
 * A caller that authenticates with {@code Authorization: Bearer <token>} (Metrica and its
 * consumers, operators). Only the token's SHA-256 is stored.
 *
 * @param scopes what the client may do, e.g. {@link Scopes#METRICA_PUBLISH}
 * @param expiresAt after this the token is answered {@code 401 70405}; null for no expiry
 * @param institutions the institutions (short names) whose data the client may see and change;
 *     null (absent in the document) for every institution, as the platform team's operators;
 *     an empty set for none
 */
public record ApiClient(String clientId, String tokenHash, Set<String> scopes, Instant expiresAt, String description,
    Set<String> institutions) {
  public ApiClient {
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    institutions = institutions == null ? null : Set.copyOf(institutions);
  }

  /** A client of every institution. */
  public ApiClient(String clientId, String tokenHash, Set<String> scopes, Instant expiresAt, String description) {
    this(clientId, tokenHash, scopes, expiresAt, description, null);
  }

  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /**
   * The one rule of operator scopes: may this client see or change the data of
   * {@code institution}? Routes answer a refusal as their own 404, so that a scoped client cannot
   * tell another institution's item from one that does not exist.
   */
  public boolean mayAccess(String institution) {
    return institutions == null || (institution != null && institutions.contains(institution));
  }

  /** Not limited to some institutions (the platform team). */
  public boolean allInstitutions() {
    return institutions == null;
  }

  @Override
  public String toString() {
    return "ApiClient[" + clientId + ", scopes=" + scopes + ", expiresAt=" + expiresAt
        + ", institutions=" + (institutions == null ? "all" : institutions) + "]";
  }
}
