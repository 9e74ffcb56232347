package no.examhub.partner.wiseflow;

import java.util.Map;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerSettings.WiseflowAuth;

/**
 * How one command proves itself to the institution's WISEflow licence: {@code x-api-key} with the
 * stored secret, or a bearer token from OAuth2 client credentials (the credentials' username is the
 * client id, the secret the client secret). {@link #renew()} is the one second chance after a 401.
 */
final class WiseflowAccess {
  private final String institution;
  private final WiseflowAuth auth;
  private final String tokenUrl;
  private final PartnerCredentials credentials;
  private final WiseflowTokens tokens;
  private String token;

  WiseflowAccess(String institution, WiseflowAuth auth, String tokenUrl, PartnerCredentials credentials,
      WiseflowTokens tokens) {
    this.institution = institution;
    this.auth = auth;
    this.tokenUrl = tokenUrl;
    this.credentials = credentials;
    this.tokens = tokens;
  }

  Map<String, String> headers() throws PartnerFailure {
    if (auth == WiseflowAuth.API_KEY) {
      return Map.of("x-api-key", credentials.secret());
    }
    if (token == null) {
      token = tokens.token(institution, tokenUrl, credentials.username(), credentials.secret(), null);
    }
    return Map.of("Authorization", "Bearer " + token);
  }

  /** After a 401: a fresh token (OAuth2) is worth one more try; a refused API key is not. */
  boolean renew() throws PartnerFailure {
    if (auth == WiseflowAuth.API_KEY) {
      return false;
    }
    token = tokens.token(institution, tokenUrl, credentials.username(), credentials.secret(), token);
    return true;
  }
}
