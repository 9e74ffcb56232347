package no.examhub.partner.wiseflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.platform.http.TokenCache;
import no.examhub.platform.json.Json;

/**
 * WISEflow's OAuth2 client credentials (OpenAPI 1.34.0: {@code POST /oauth2/token}, form-encoded
 * {@code client_id}, {@code client_secret}, {@code grant_type=client_credentials}, the scheme's
 * {@code client_secret_post}; the token lasts one hour). One token per institution, reused until
 * {@link #REFRESH_BEFORE} before it expires; one fetch at a time per institution, so a burst of
 * commands does not ask for a burst of tokens. Neither the secret nor a token is ever logged or
 * put in a failure's message.
 */
final class WiseflowTokens {
  /** Fetch a new token this long before the old one expires, so no call goes out with a dying one. */
  static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
  /** What WISEflow documents when an answer leaves out {@code expires_in}. */
  static final Duration DOCUMENTED_LIFETIME = Duration.ofHours(1);

  private final HttpClient client;
  private final Duration readTimeout;
  private final Clock clock;
  private final TokenCache tokens;

  WiseflowTokens(Duration connectTimeout, Duration readTimeout, Clock clock) {
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.readTimeout = readTimeout;
    this.clock = clock;
    this.tokens = new TokenCache(clock);
  }

  /**
   * A valid bearer token for the institution: the cached one, or a fresh one when it is missing,
   * about to expire, or {@code stale} (the value WISEflow just refused with a 401).
   */
  String token(String institution, String tokenUrl, String clientId, String clientSecret, String stale)
      throws PartnerFailure {
    // Keyed by the account too: a rotated client id or another token URL never reuses the old token.
    String account = institution + " " + tokenUrl + " " + clientId;
    if (stale != null) {
      tokens.refused(account, stale);
    }
    return tokens.get(account, () -> fetch(tokenUrl, clientId, clientSecret));
  }

  private TokenCache.Issued fetch(String tokenUrl, String clientId, String clientSecret) throws PartnerFailure {
    String form = "grant_type=client_credentials&client_id=" + form(clientId) + "&client_secret=" + form(clientSecret);
    HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(readTimeout)
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw PartnerFailure.retryable("TOKEN_CONNECTION", "WISEflow's token endpoint cannot be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PartnerFailure.retryable("INTERRUPTED", "interrupted");
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      throw PartnerFailure.retryable("TOKEN_" + status, "WISEflow's token endpoint answered " + status);
    }
    if (status != 200) {
      // 400 invalid_client and the like: the stored client id or secret is wrong; retrying will not fix it.
      throw PartnerFailure.permanent("TOKEN_REFUSED", "WISEflow refused the client credentials (" + status + ")");
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.path("access_token").isTextual() || body.path("access_token").asText().isBlank()) {
      throw PartnerFailure.permanent("UNREADABLE_ANSWER", "WISEflow's token endpoint answered no access_token");
    }
    Duration lifetime = body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0
        ? Duration.ofSeconds(body.path("expires_in").asLong()) : DOCUMENTED_LIFETIME;
    return new TokenCache.Issued(body.path("access_token").asText(), clock.instant().plus(lifetime).minus(REFRESH_BEFORE));
  }

  private static String form(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }
}
