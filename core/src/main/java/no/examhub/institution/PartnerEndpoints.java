package no.examhub.institution;

import java.util.Optional;

/**
 * The one place a partner's base URL for an institution is decided. In order:
 * <ol>
 *   <li>the operator's override ({@code EXAMHUB_INSPERA_URL}, ...), one URL for every institution,
 *       so a partner can be swapped for another server;</li>
 *   <li>the simulators' path, when they run (the embedded default and the tests);</li>
 *   <li>the institution's own settings: the Inspera tenant's domain, the WISEflow server, the FS
 *       environment, the archive URL.</li>
 * </ol>
 * An override or simulator URL may hold {@code {domain}} (Inspera: the tenant's domain) or
 * {@code {fsEnv}} (FS: the institution's environment), so two institutions still reach two
 * tenants or environments through it. Empty means: not configured for that institution.
 */
public final class PartnerEndpoints {
  public static final String WISEFLOW_PRODUCTION = "https://europe-api.wiseflow.net/v1";
  public static final String WISEFLOW_STAGING = "https://europe-stage-api.wiseflow.net/v1";
  public static final String FS_TEST = "https://fs-test.uio.no";
  public static final String FS_PROD = "https://fsws.usit.no";

  /**
   * The configured overrides (blank for none) and the simulators' base, e.g.
   * {@code http://127.0.0.1:8081}, when they run.
   */
  public record Overrides(String inspera, String wiseflow, String fs, String archive, String proview,
      String proviewAuth, String metrica, Optional<String> simulators) {
    public static final Overrides NONE = new Overrides("", "", "", "", "", "", "", Optional.empty());

    /** Without a Metrica override. */
    public Overrides(String inspera, String wiseflow, String fs, String archive, String proview, String proviewAuth,
        Optional<String> simulators) {
      this(inspera, wiseflow, fs, archive, proview, proviewAuth, "", simulators);
    }
  }

  private final Overrides overrides;

  public PartnerEndpoints(Overrides overrides) {
    this.overrides = overrides;
  }

  /** Inspera's API for the institution's tenant: {@code https://<domain>/api}. */
  public Optional<String> inspera(Institution institution) {
    String domain = institution.partners().inspera().domain();
    return chosen(overrides.inspera(), "/inspera/{domain}/api", domain.isEmpty() ? "" : "https://{domain}/api")
        .flatMap(url -> fill(url, "{domain}", domain));
  }

  /** WISEflow's API for the institution's licence: production, staging or the configured URL. */
  public Optional<String> wiseflow(Institution institution) {
    String server = institution.partners().wiseflow().server();
    String own = switch (server) {
      case PartnerSettings.Wiseflow.PRODUCTION -> WISEFLOW_PRODUCTION;
      case PartnerSettings.Wiseflow.STAGING -> WISEFLOW_STAGING;
      default -> server;
    };
    return chosen(overrides.wiseflow(), "/wiseflow/v1", own);
  }

  /** FSWS for the institution's environment: {@code test} or {@code prod}. */
  public Optional<String> fs(Institution institution) {
    String env = institution.fsEnvironment() == null ? "" : institution.fsEnvironment();
    String own = switch (env) {
      case "test" -> FS_TEST;
      case "prod" -> FS_PROD;
      default -> "";
    };
    return chosen(overrides.fs(), "/fs/{fsEnv}", own).flatMap(url -> fill(url, "{fsEnv}", env));
  }

  /** The institution's records-management archive. */
  public Optional<String> archive(Institution institution) {
    return chosen(overrides.archive(), "/archive", institution.partners().archiveUrl());
  }

  /** Talview Proview's API ({@code /v1/sessions}); one service, an account per institution. */
  public Optional<String> proview() {
    return chosen(overrides.proview(), "/proview", "");
  }

  /** Talview Proview's login ({@code /v1/user/login}); the API's URL unless set apart. */
  public Optional<String> proviewAuth() {
    return chosen(overrides.proviewAuth(), "/proview", "").or(this::proview);
  }

  /** Cambridge Metrica's back end, which the pass-through forwards to; one service, one account. */
  public Optional<String> metrica() {
    return chosen(overrides.metrica(), "/metrica", "");
  }

  private Optional<String> chosen(String override, String simulatorPath, String own) {
    if (override != null && !override.isBlank()) {
      return Optional.of(trimSlash(override.trim()));
    }
    if (overrides.simulators().isPresent()) {
      return Optional.of(trimSlash(overrides.simulators().get()) + simulatorPath);
    }
    return own == null || own.isBlank() ? Optional.empty() : Optional.of(trimSlash(own));
  }

  /** Fills the placeholder; a URL that needs a value the institution lacks is not configured. */
  private static Optional<String> fill(String url, String placeholder, String value) {
    if (!url.contains(placeholder)) {
      return Optional.of(url);
    }
    if (value == null || value.isBlank() || !value.matches("[A-Za-z0-9.:-]+")) {
      return Optional.empty();
    }
    return Optional.of(url.replace(placeholder, value));
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  static boolean isHttpUrl(String value) {
    return value.startsWith("https://") || value.startsWith("http://");
  }
}
