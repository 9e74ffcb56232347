package no.examhub.ops.console;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.examhub.platform.crypto.Hmac;

/**
 * The console's server-side sessions, in this instance's memory. The cookie holds only a random
 * session id (256 bits); the map is keyed by its SHA-256, so neither the id nor the operator's
 * token is kept in clear: a session holds the token's hash, by which the operator is looked up
 * again on every request ({@code ApiClientDirectory#byTokenHash}). A session ends after an idle
 * hour, after twelve hours in all, on logout, and when the instance restarts.
 */
final class ConsoleSessions {
  static final Duration IDLE = Duration.ofHours(1);
  static final Duration MAX_AGE = Duration.ofHours(12);
  /** Sessions are cheap, but a flood of logins must not grow the heap without bound. */
  static final int MAX_SESSIONS = 10_000;

  /** @param csrf the token the session's forms carry back (SameSite=Strict already stops most forgery) */
  record Session(String tokenHash, String csrf, Instant createdAt, Instant lastSeen) {
    boolean liveAt(Instant now) {
      return now.isBefore(lastSeen.plus(IDLE)) && now.isBefore(createdAt.plus(MAX_AGE));
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byIdHash = new ConcurrentHashMap<>();

  /** A new session for the operator whose token hashes to {@code tokenHash}; returns the id for the cookie. */
  String open(String tokenHash, Instant now) {
    if (byIdHash.size() >= MAX_SESSIONS) {
      byIdHash.values().removeIf(s -> !s.liveAt(now));
      if (byIdHash.size() >= MAX_SESSIONS) {
        // The oldest go first: a flood of logins ends the flood's own sessions before anyone's current one.
        byIdHash.entrySet().stream().min(java.util.Map.Entry.comparingByValue(
            java.util.Comparator.comparing(Session::lastSeen))).ifPresent(e -> byIdHash.remove(e.getKey()));
      }
    }
    String id = randomToken();
    byIdHash.put(Hmac.sha256Hex(id), new Session(tokenHash, randomToken(), now, now));
    return id;
  }

  /** The live session of this id, its idle time restarted; empty for an unknown, ended or expired one. */
  Optional<Session> find(String id, Instant now) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    String key = Hmac.sha256Hex(id);
    Session s = byIdHash.get(key);
    if (s == null) {
      return Optional.empty();
    }
    if (!s.liveAt(now)) {
      byIdHash.remove(key);
      return Optional.empty();
    }
    Session seen = new Session(s.tokenHash(), s.csrf(), s.createdAt(), now);
    byIdHash.put(key, seen);
    return Optional.of(seen);
  }

  void close(String id) {
    if (id != null) {
      byIdHash.remove(Hmac.sha256Hex(id));
    }
  }

  int size() {
    return byIdHash.size();
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
