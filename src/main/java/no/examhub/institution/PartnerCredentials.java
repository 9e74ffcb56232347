package no.examhub.institution;

import no.examhub.event.Partner;

/**
 * What Examhub presents to one partner's API on behalf of one institution (seed 003: "Inspera,
 * WISEflow and FS credentials per institution from configuration"): an API key, a client secret
 * or a basic-auth pair. Kept in MongoDB's {@code partner_credentials} with {@code _id}
 * {@code institution/partner}.
 *
 * @param username the user or client id where the partner wants one; may be empty
 * @param secret the API key, client secret or password; never logged
 */
public record PartnerCredentials(String institution, Partner partner, String username, String secret) {

  @Override
  public String toString() {
    return "PartnerCredentials[" + institution + "/" + partner.id() + ", secret hidden]";
  }
}
