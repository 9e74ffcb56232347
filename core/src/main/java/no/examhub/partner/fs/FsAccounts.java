package no.examhub.partner.fs;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import no.examhub.event.Partner;
import no.examhub.institution.Institution;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;

/**
 * Which FS server an institution uses and as which FSWS user, for the poller and the command
 * handler alike: the server from {@link PartnerEndpoints#fs} (the institution's {@code fsEnv}), the
 * user from its FS credentials (username + secret). Users are ordered per institution, so there is
 * no shared fallback: an institution without either is {@link Unconfigured}, with a code.
 */
public final class FsAccounts {
  public static final String NO_ENDPOINT = "NO_FS_ENDPOINT";
  public static final String NO_CREDENTIALS = "NO_FS_CREDENTIALS";

  /** Where and as whom; {@link #toString()} hides the header, which is the password in base64. */
  public record Account(String baseUrl, String authorization) {
    @Override
    public String toString() {
      return "FsAccount[" + baseUrl + ", Basic ***]";
    }
  }

  /** The institution cannot be served: {@link #code()} says why. Its message names no secret. */
  public static final class Unconfigured extends RuntimeException {
    private final String code;

    Unconfigured(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final PartnerEndpoints endpoints;
  private final PartnerCredentialsRepository credentials;

  public FsAccounts(PartnerEndpoints endpoints, PartnerCredentialsRepository credentials) {
    this.endpoints = endpoints;
    this.credentials = credentials;
  }

  /** The institution's FS server and user, read afresh each time so a rotated password takes effect. */
  public Account of(Institution institution) {
    String name = institution.shortName();
    String baseUrl = endpoints.fs(institution).orElseThrow(() -> new Unconfigured(NO_ENDPOINT,
        "no FS server for " + name + " (fsEnvironment must be test or prod)"));
    Optional<PartnerCredentials> user = credentials.find(name, Partner.FS)
        .filter(c -> c.username() != null && !c.username().isBlank() && c.secret() != null && !c.secret().isEmpty());
    PartnerCredentials c = user.orElseThrow(() -> new Unconfigured(NO_CREDENTIALS,
        "no FSWS user for " + name + " (PUT /api/institutions/" + name + "/credentials/fs)"));
    return new Account(baseUrl, basic(c.username(), c.secret()));
  }

  FsClient client(Institution institution, HttpClient http, Duration readTimeout) {
    Account account = of(institution);
    return new FsClient(account.baseUrl(), account.authorization(), http, readTimeout);
  }

  static String basic(String username, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }
}
