package no.examhub.partner.inspera;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.platform.http.TokenCache;
import no.examhub.platform.json.Json;

/**
 * Inspera's token exchange (../shared/partners/README.md): the integration user's API key is not
 * sent to the API; {@code POST <base>/authenticate/token/?grant_type=authorization_code&client_id=}
 * with the key in the {@code code} header, form content type and an empty body answers an
 * {@code access_token} of about an hour. One token per tenant is reused until {@link #MARGIN}
 * before it expires, and only one exchange per tenant runs at a time (Inspera answers 409
 * "Multiple tokens for user" to concurrent ones); other tenants are not held up by it. Neither the
 * key nor the token is ever logged or put into a failure's message.
 */
final class InsperaTokens {
  /** A token this close to expiry is not handed out: a call must not carry one that lapses on the way. */
  static final Duration MARGIN = Duration.ofSeconds(60);

  /** One tenant as the exchange sees it: where, as which client, with which key. */
  record Tenant(String institution, String baseUrl, String clientId, String apiKey) {
    String cacheKey() {
      return institution + "|" + baseUrl;
    }

    @Override
    public String toString() {
      return "Tenant[" + institution + ", " + baseUrl + ", key hidden]";
    }
  }

  private final HttpClient http;
  private final Duration readTimeout;
  private final Clock clock;
  private final TokenCache tokens;

  InsperaTokens(Duration connectTimeout, Duration readTimeout, Clock clock) {
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.readTimeout = readTimeout;
    this.clock = clock;
    this.tokens = new TokenCache(clock);
  }

  /** A live token for the tenant: the cached one, or a fresh exchange (one at a time per tenant). */
  String token(Tenant tenant) throws PartnerFailure {
    return tokens.get(tenant.cacheKey(), () -> exchange(tenant));
  }

  /** Inspera refused this token (401): forget it unless another thread has already replaced it. */
  void invalidate(Tenant tenant, String token) {
    tokens.refused(tenant.cacheKey(), token);
  }

  private TokenCache.Issued exchange(Tenant tenant) throws PartnerFailure {
    URI uri = URI.create(tenant.baseUrl() + "/authenticate/token/?grant_type=authorization_code&client_id="
        + URLEncoder.encode(tenant.clientId(), StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout)
        .header("code", tenant.apiKey())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw PartnerFailure.retryable("TIMEOUT", "Inspera's token exchange timed out");
    } catch (IOException e) {
      throw PartnerFailure.retryable("CONNECTION", "Inspera's token exchange: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PartnerFailure.retryable("INTERRUPTED", "interrupted");
    }
    return answer(tenant, response);
  }

  private TokenCache.Issued answer(Tenant tenant, HttpResponse<byte[]> response) throws PartnerFailure {
    int status = response.statusCode();
    String where = "Inspera's token exchange for " + tenant.institution() + " answered " + status;
    if (status == 200) {
      JsonNode body = read(response.body());
      String token = body == null ? null : body.path("access_token").asText(null);
      long expiresIn = body == null ? 0 : body.path("expires_in").asLong(0);
      if (token == null || token.isBlank() || expiresIn <= 0) {
        throw PartnerFailure.permanent("INSPERA_UNREADABLE_TOKEN", where + " without access_token and expires_in");
      }
      Duration lifetime = Duration.ofSeconds(expiresIn);
      Duration margin = lifetime.compareTo(MARGIN.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : MARGIN;
      return new TokenCache.Issued(token, clock.instant().plus(lifetime).minus(margin));
    }
    String error = errorOf(response.body());
    if (status == 409) {
      // Another exchange for the same integration user (another Examhub instance, say) won the race:
      // trying again later is expected to get a token.
      throw PartnerFailure.retryable("INSPERA_MULTIPLE_TOKENS", where + " (" + error + ")");
    }
    if (status == 401 || status == 400) {
      // A wrong or revoked API key, or a wrong client id: trying again will not help; an operator must
      // store the right key (PUT /api/institutions/{i}/credentials/inspera) or client id, then replay.
      throw PartnerFailure.permanent(status == 401 ? "INSPERA_INVALID_GRANT" : "INSPERA_BAD_TOKEN_REQUEST",
          where + " (" + error + ")");
    }
    boolean retryable = status == 408 || status == 429 || status >= 500;
    throw new PartnerFailure("INSPERA_TOKEN_" + status, where, retryable, null);
  }

  private static JsonNode read(byte[] body) {
    try {
      return body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** Only Inspera's short error word (e.g. {@code invalid_grant}) goes into a message, never the body. */
  private static String errorOf(byte[] body) {
    JsonNode n = read(body);
    String error = n == null ? "" : n.path("error").asText("");
    return error.length() > 60 || !error.matches("[A-Za-z0-9 _.-]*") ? "unreadable error" : error;
  }
}
