package no.examhub.partner.wiseflow;

import java.time.Clock;
import java.time.Duration;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.institution.ConnectionCheck;
import no.examhub.institution.Institution;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.institution.PartnerSettings;
import no.examhub.event.Partner;

/**
 * "Check connection" for WISEflow: a cheap read-only call with the licence's credentials (a
 * source search for a code no flow has, one page of none), through the same access (API key or
 * OAuth2 token) dispatch uses.
 */
public final class WiseflowConnectionCheck {
  static final String PROBE_SOURCE = "examhub-connection-check";

  private final PartnerEndpoints endpoints;
  private final PartnerCredentialsRepository credentials;
  private final PartnerHttp http;
  private final WiseflowTokens tokens;

  public WiseflowConnectionCheck(PartnerEndpoints endpoints, PartnerCredentialsRepository credentials,
      Duration connectTimeout, Duration readTimeout, Clock clock) {
    this.endpoints = endpoints;
    this.credentials = credentials;
    this.http = new PartnerHttp(connectTimeout, readTimeout);
    this.tokens = new WiseflowTokens(connectTimeout, readTimeout, clock);
  }

  public ConnectionCheck check(Institution institution) {
    var baseUrl = endpoints.wiseflow(institution);
    if (baseUrl.isEmpty()) {
      return ConnectionCheck.fails("wiseflow", "NO_ENDPOINT", "WISEflow: not configured, no server for " + institution.shortName());
    }
    var account = credentials.find(institution.shortName(), Partner.WISEFLOW).filter(a -> a.secret() != null && !a.secret().isBlank());
    if (account.isEmpty()) {
      return ConnectionCheck.fails("wiseflow", "NO_CREDENTIALS", "WISEflow: not configured, no credentials for "
          + institution.shortName());
    }
    PartnerSettings.Wiseflow licence = institution.partners().wiseflow();
    PartnerCredentials a = account.get();
    WiseflowApi api = new WiseflowApi(http, baseUrl.get(), new WiseflowAccess(institution.shortName(), licence.auth(),
        WiseflowHandler.tokenUrl(licence, baseUrl.get()), a, tokens), "connection-check-" + java.util.UUID.randomUUID());
    try {
      api.searchSources(PROBE_SOURCE, 0);
      return ConnectionCheck.works("wiseflow", "WISEflow " + baseUrl.get() + ": works (a source search answered)");
    } catch (PartnerFailure f) {
      String words = f.code().matches("\\d{3}") ? f.code() + ", " + ConnectionCheck.meaning(Integer.parseInt(f.code()),
          licence.auth() == PartnerSettings.WiseflowAuth.OAUTH2 ? "OAuth2 client" : "API key")
          : f.getMessage();
      return ConnectionCheck.fails("wiseflow", f.code(), "WISEflow " + baseUrl.get() + ": " + words);
    }
  }
}
