package no.examhub.partner.inspera;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.institution.ConnectionCheck;
import no.examhub.institution.Institution;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;

/**
 * "Check connection" for Inspera: the token exchange with the tenant's integration user, as
 * dispatch does before every call, but never from dispatch's cache, so it proves the key today.
 */
public final class InsperaConnectionCheck {
  private final InsperaTenants tenants;
  private final InsperaTokens tokens;

  public InsperaConnectionCheck(Function<String, Optional<Institution>> institutions, PartnerEndpoints endpoints,
      PartnerCredentialsRepository credentials, Duration connectTimeout, Duration readTimeout, Clock clock) {
    this.tenants = new InsperaTenants(institutions, endpoints, credentials);
    this.tokens = new InsperaTokens(connectTimeout, readTimeout, clock);
  }

  public ConnectionCheck check(Institution institution) {
    InsperaTokens.Tenant tenant;
    try {
      tenant = tenants.of(institution.shortName());
    } catch (PartnerFailure notConfigured) {
      return ConnectionCheck.fails("inspera", notConfigured.code(), "Inspera: not configured, " + notConfigured.getMessage());
    }
    try {
      String token = tokens.token(tenant);
      // Not kept: the next check exchanges afresh.
      tokens.invalidate(tenant, token);
      return ConnectionCheck.works("inspera", "Inspera " + tenant.baseUrl() + ": works (the token exchange gave a token)");
    } catch (PartnerFailure f) {
      String words = switch (f.code()) {
        case "INSPERA_INVALID_GRANT" -> "401, the integration user's API key is refused (wrong or revoked)";
        case "INSPERA_BAD_TOKEN_REQUEST" -> "400, the client id is wrong";
        case "INSPERA_MULTIPLE_TOKENS" -> "409, another exchange for the same user is running; try again";
        case "TIMEOUT" -> "the token exchange timed out";
        case "CONNECTION" -> "cannot connect";
        default -> f.getMessage();
      };
      return ConnectionCheck.fails("inspera", f.code(), "Inspera " + tenant.baseUrl() + ": " + words);
    }
  }
}
