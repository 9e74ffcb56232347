package no.examhub.institution;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where one institution's partners are and how Examhub talks to them (seed 003's
 * {@code insperaClientCode} and {@code instance}; ../shared/partners/README.md: every Inspera
 * institution is its own tenant, WISEflow production and staging are separate servers per licence).
 * The accounts' secrets are not here: they are in {@code partner_credentials}, written through a
 * write-only endpoint. {@link PartnerEndpoints} turns these settings into base URLs, in one place.
 * Every part is optional in storage; a missing part reads as its defaults.
 *
 * @param standard per Standard Webhooks source (the names in {@link WebhookSecrets#standard()}), how
 *     its webhooks become exam events; a source without one is accepted and dead-lettered
 */
public record PartnerSettings(Inspera inspera, Wiseflow wiseflow, Fs fs, Proview proview, String archiveUrl,
    Map<String, StandardSourceMapping> standard) {
  public static final PartnerSettings DEFAULTS = new PartnerSettings(null, null, null, null, null);

  public PartnerSettings {
    inspera = inspera == null ? Inspera.DEFAULTS : inspera;
    wiseflow = wiseflow == null ? Wiseflow.DEFAULTS : wiseflow;
    fs = fs == null ? Fs.DEFAULTS : fs;
    proview = proview == null ? Proview.DEFAULTS : proview;
    archiveUrl = archiveUrl == null ? "" : archiveUrl;
    standard = standard == null ? Map.of() : Map.copyOf(standard);
  }

  /** Settings without Standard Webhooks mappings. */
  public PartnerSettings(Inspera inspera, Wiseflow wiseflow, Fs fs, Proview proview, String archiveUrl) {
    this(inspera, wiseflow, fs, proview, archiveUrl, null);
  }

  /** The mapping of one Standard Webhooks source, if the institution configured one. */
  public Optional<StandardSourceMapping> standard(String source) {
    return Optional.ofNullable(standard.get(source));
  }

  /**
   * The institution's Inspera tenant.
   *
   * @param domain the tenant's domain, e.g. {@code nokut.inspera.no}; the API is {@code https://<domain>/api}
   * @param clientId the {@code client_id} of the token exchange (seed 003's {@code insperaClientCode})
   * @param events which event name the tenant sends for each of Examhub's meanings ({@link #DEFAULT_EVENTS}'s
   *     keys); only {@code confirm_final_grades} is publicly documented, so the rest is configuration
   */
  public record Inspera(String domain, String clientId, Map<String, String> events) {
    public static final String FINAL_GRADES = "final-grades";
    public static final String APPEAL_DECISION = "appeal-decision";
    public static final String EXPLANATION_PUBLISHED = "explanation-published";
    public static final String EXPORT_FINISHED = "export-finished";
    /** The documented defaults; a tenant's own names override them one by one. */
    public static final Map<String, String> DEFAULT_EVENTS = Map.of(
        FINAL_GRADES, "confirm_final_grades",
        APPEAL_DECISION, "appeal_decision",
        EXPLANATION_PUBLISHED, "explanation_published",
        EXPORT_FINISHED, "event_by_candidates_export_finished");
    public static final Inspera DEFAULTS = new Inspera("", "", Map.of());

    public Inspera {
      domain = domain == null ? "" : domain.trim();
      clientId = clientId == null ? "" : clientId.trim();
      Map<String, String> merged = new LinkedHashMap<>(DEFAULT_EVENTS);
      if (events != null) {
        events.forEach((meaning, name) -> {
          if (!DEFAULT_EVENTS.containsKey(meaning)) {
            throw new IllegalArgumentException("inspera.events: unknown meaning " + meaning + ", expected one of "
                + DEFAULT_EVENTS.keySet());
          }
          if (name != null && !name.isBlank()) {
            merged.put(meaning, name.trim());
          }
        });
      }
      events = Map.copyOf(merged);
    }

    /** The tenant's name for one of Examhub's meanings. */
    public String event(String meaning) {
      return events.get(meaning);
    }
  }

  /** How WISEflow is authenticated (help.wiseflow.net, API authentication). */
  public enum WiseflowAuth {
    /** {@code x-api-key: <key>} on every call. */
    API_KEY,
    /** OAuth2 client credentials; the token lives about an hour. WISEflow's advice for production. */
    OAUTH2
  }

  /**
   * The institution's WISEflow licence.
   *
   * @param server {@code production}, {@code staging} or a base URL
   * @param auth the kind of credentials stored for WISEflow
   * @param tokenUrl where OAuth2 tokens are fetched; empty for the server's default
   * @param candidateIdName the {@code externalIds} name that holds FS's candidate number: licence
   *     configuration, not published
   */
  public record Wiseflow(String server, WiseflowAuth auth, String tokenUrl, String candidateIdName) {
    public static final String PRODUCTION = "production";
    public static final String STAGING = "staging";
    public static final String DEFAULT_CANDIDATE_ID_NAME = "candidateNumber";
    public static final Wiseflow DEFAULTS = new Wiseflow(null, null, null, null);

    public Wiseflow {
      server = server == null || server.isBlank() ? PRODUCTION : server.trim();
      if (!server.equals(PRODUCTION) && !server.equals(STAGING) && !PartnerEndpoints.isHttpUrl(server)) {
        throw new IllegalArgumentException("wiseflow.server must be production, staging or an http(s) URL");
      }
      auth = auth == null ? WiseflowAuth.API_KEY : auth;
      tokenUrl = tokenUrl == null ? "" : tokenUrl.trim();
      candidateIdName = candidateIdName == null || candidateIdName.isBlank() ? DEFAULT_CANDIDATE_ID_NAME
          : candidateIdName.trim();
    }
  }

  /**
   * FS beside the environment ({@link Institution#fsEnvironment()}, which picks the server).
   *
   * @param appealDecisionPath where appeal decisions are sent; the seeds name no such endpoint, so
   *     empty (the default) sends none and the decision stays recorded in the case only
   */
  public record Fs(String appealDecisionPath) {
    public static final Fs DEFAULTS = new Fs(null);

    public Fs {
      appealDecisionPath = appealDecisionPath == null ? "" : appealDecisionPath.trim();
      if (!appealDecisionPath.isEmpty() && !appealDecisionPath.startsWith("/")) {
        throw new IllegalArgumentException("fs.appealDecisionPath must start with /");
      }
    }

    public boolean sendsAppealDecisions() {
      return !appealDecisionPath.isEmpty();
    }
  }

  /**
   * The institution's Talview account: the user and password are its Proview credentials.
   *
   * @param appId the {@code app-id} Talview white-listed for this account
   */
  public record Proview(String appId) {
    public static final Proview DEFAULTS = new Proview(null);

    public Proview {
      appId = appId == null ? "" : appId.trim();
    }
  }
}
