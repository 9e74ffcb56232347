package no.examhub.platform.http;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens by account: each reused until its renewal time, at most one fetch per account at a
 * time (the others wait for it and take its token), while other accounts' fetches go on. A token
 * the partner refused is forgotten, unless another caller has already replaced it. Inspera's
 * token exchange, WISEflow's OAuth2 client credentials and Talview's login all keep their tokens here.
 */
public final class TokenCache {
  /** A token and when to fetch the next one: shortly before it expires. */
  public record Issued(String value, Instant renewAt) {}

  /** Fetches a new token for one account. */
  @FunctionalInterface
  public interface Fetch<E extends Exception> {
    Issued fetch() throws E;
  }

  private final Clock clock;
  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  public TokenCache(Clock clock) {
    this.clock = clock;
  }

  public <E extends Exception> String get(String account, Fetch<E> fetch) throws E {
    Issued cached = tokens.get(account);
    if (fresh(cached)) {
      return cached.value();
    }
    synchronized (locks.computeIfAbsent(account, k -> new Object())) {
      cached = tokens.get(account);
      if (fresh(cached)) {
        return cached.value(); // another caller fetched it while this one waited
      }
      Issued issued = fetch.fetch();
      tokens.put(account, issued);
      return issued.value();
    }
  }

  /** The partner refused {@code token} (a 401): the next {@link #get} fetches a new one. */
  public void refused(String account, String token) {
    tokens.computeIfPresent(account, (k, t) -> t.value().equals(token) ? null : t);
  }

  private boolean fresh(Issued t) {
    return t != null && clock.instant().isBefore(t.renewAt());
  }
}
