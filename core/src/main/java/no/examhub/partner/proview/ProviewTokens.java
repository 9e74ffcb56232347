package no.examhub.partner.proview;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.platform.http.TokenCache;

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

  private final PartnerHttp http;
  private final Clock clock;
  private final TokenCache tokens;

  ProviewTokens(PartnerHttp http, Clock clock) {
    this.http = http;
    this.clock = clock;
    this.tokens = new TokenCache(clock);
  }

  /** The account's token, logging in when it has none or it is about to expire. */
  String token(Account account, String idempotencyKey) throws PartnerFailure {
    return tokens.get(account.key(), () -> login(account, idempotencyKey));
  }

  private TokenCache.Issued login(Account account, String idempotencyKey) throws PartnerFailure {
    JsonNode login = http.post(account.authUrl() + "/v1/user/login",
        Map.of("username", account.username(), "password", account.password()), idempotencyKey + "-login", Map.of());
    String token = login.path("access_token").asText(null);
    if (token == null || token.isBlank()) {
      throw PartnerFailure.permanent("LOGIN_FAILED", "Proview login answered no access_token");
    }
    return new TokenCache.Issued(token, clock.instant().plusSeconds(login.path("expires_in").asLong(3600))
        .minus(RENEW_BEFORE_EXPIRY));
  }

  /** Proview refused the token (401): forget it, unless another worker already replaced it. */
  void refused(Account account, String token) {
    tokens.refused(account.key(), token);
  }
}
