package no.examhub.partner.inspera;

import java.util.Optional;
import java.util.function.Function;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.event.Partner;
import no.examhub.institution.Institution;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;

/**
 * An institution's Inspera tenant: where ({@link PartnerEndpoints#inspera}, its domain), as which
 * client (its {@code partners.inspera.clientId}) and with which integration user's API key
 * ({@code partner_credentials}). Anything missing is a permanent failure with its own code.
 */
final class InsperaTenants {
  private final Function<String, Optional<Institution>> institutions;
  private final PartnerEndpoints endpoints;
  private final PartnerCredentialsRepository credentials;

  InsperaTenants(Function<String, Optional<Institution>> institutions, PartnerEndpoints endpoints,
      PartnerCredentialsRepository credentials) {
    this.institutions = institutions;
    this.endpoints = endpoints;
    this.credentials = credentials;
  }

  InsperaTokens.Tenant of(String shortName) throws PartnerFailure {
    Institution institution = institutions.apply(shortName).orElseThrow(() ->
        PartnerFailure.permanent("UNKNOWN_INSTITUTION", "no institution " + shortName));
    String baseUrl = endpoints.inspera(institution).orElseThrow(() -> PartnerFailure.permanent("NO_ENDPOINT",
        "no Inspera tenant (partners.inspera.domain) configured for " + shortName));
    String clientId = institution.partners().inspera().clientId();
    if (clientId.isEmpty()) {
      throw PartnerFailure.permanent("NO_CLIENT_ID", "no Inspera client id (partners.inspera.clientId) configured for "
          + shortName);
    }
    String apiKey = credentials.find(shortName, Partner.INSPERA).map(PartnerCredentials::secret)
        .filter(k -> !k.isBlank())
        .orElseThrow(() -> PartnerFailure.permanent("NO_CREDENTIALS", "no Inspera API key configured for " + shortName));
    return new InsperaTokens.Tenant(shortName, baseUrl, clientId, apiKey);
  }
}
