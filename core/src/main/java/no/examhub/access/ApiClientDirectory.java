package no.examhub.access;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.mongo.RefreshingSnapshot;

/**
 * Bearer clients by the SHA-256 of their token, refreshed from MongoDB. Looking a token up by its
 * hash means the lookup's timing tells nothing about the token itself.
 */
public final class ApiClientDirectory implements AutoCloseable {
  private final RefreshingSnapshot<String, ApiClient> snapshot;

  public ApiClientDirectory(ApiClientRepository repository, Duration refreshInterval) {
    this.snapshot = new RefreshingSnapshot<>("api-clients", () -> repository.findAll().stream()
        .collect(Collectors.toMap(ApiClient::tokenHash, Function.identity(), (a, b) -> a)), refreshInterval);
  }

  public Optional<ApiClient> byToken(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(snapshot.get().get(Hmac.sha256Hex(token)));
  }

  /**
   * The client whose token hashes to {@code tokenHash}: how the console finds its operator again
   * on each request without keeping the token, so a revoked or expired token ends the session.
   */
  public Optional<ApiClient> byTokenHash(String tokenHash) {
    return tokenHash == null ? Optional.empty() : Optional.ofNullable(snapshot.get().get(tokenHash));
  }

  /** The client with this id (ids are unique: the store's {@code _id}): whom a delegation names. */
  public Optional<ApiClient> byClientId(String clientId) {
    return snapshot.get().values().stream().filter(c -> c.clientId().equals(clientId)).findFirst();
  }

  public void refresh() {
    snapshot.refresh();
  }

  @Override
  public void close() {
    snapshot.close();
  }
}
