package no.examhub.partner.proview;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHttp;

/**
 * Talview access tokens, one per Talview account (login URL and username): a login
 * ({@code POST /v1/user/login}) is reused until shortly before its {@code expires_in}, and at most
 * one login per account runs at a time, while other accounts' logins go on.
 */
final class ProviewTokens {
  /** Renew this long before the token expires, so a call never races the expiry. */
  static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

  /** A Talview account; {@link #toString()} hides the password. */
  record Account(String authUrl, String username, String password) {
    String key() {
      return authUrl + "|" + username;
    }

    @Override
    public String toString() {
      return "ProviewAccount[" + username + " at " + authUrl + "]";
    }
  }

  private record Token(String value, Instant expires) {}

  private final PartnerHttp http;
  private final Clock clock;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  ProviewTokens(PartnerHttp http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /** The account's token, logging in when it has none or it is about to expire. */
  String token(Account account, String idempotencyKey) throws PartnerFailure {
    Token current = tokens.get(account.key());
    if (fresh(current)) {
      return current.value();
    }
    synchronized (locks.computeIfAbsent(account.key(), k -> new Object())) {
      current = tokens.get(account.key());
      if (fresh(current)) {
        return current.value(); // another worker logged in while this one waited
      }
      JsonNode login = http.post(account.authUrl() + "/v1/user/login",
          Map.of("username", account.username(), "password", account.password()), idempotencyKey + "-login", Map.of());
      String token = login.path("access_token").asText(null);
      if (token == null || token.isBlank()) {
        throw PartnerFailure.permanent("LOGIN_FAILED", "Proview login answered no access_token");
      }
      tokens.put(account.key(), new Token(token, clock.instant().plusSeconds(login.path("expires_in").asLong(3600))));
      return token;
    }
  }

  /** Proview refused the token (401): forget it, unless another worker already replaced it. */
  void refused(Account account, String token) {
    tokens.computeIfPresent(account.key(), (k, t) -> t.value().equals(token) ? null : t);
  }

  private boolean fresh(Token t) {
    return t != null && clock.instant().isBefore(t.expires().minus(RENEW_BEFORE_EXPIRY));
  }
}
