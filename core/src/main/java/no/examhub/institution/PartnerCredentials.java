package no.examhub.institution;

import no.examhub.event.Partner;

/**
 * What Examhub proves itself with when it calls a partner's API for one institution (seed 003:
 * "Inspera, WISEflow and FS credentials per institution from configuration"). Stored in
 * {@code partner_credentials} with {@code _id} {@code institution/partner}. The secret must be kept
 * as it is, since it is sent; it is never logged: {@link #toString()} hides it.
 *
 * @param username the account or client id, where the partner wants one (FS basic auth); may be null
 * @param secret the API key, client secret or password
 */
public record PartnerCredentials(String institution, Partner partner, String username, String secret) {

  public String id() {
    return institution + "/" + partner.id();
  }

  @Override
  public String toString() {
    return "PartnerCredentials[" + id() + ", username=" + username + ", secret=***]";
  }
}
