package no.examhub.ops.institutions;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.examhub.access.ApiClient;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.event.Partner;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts Examhub uses at an institution's partners, write-only (bearer token with scope
 * {@code admin}):
 * <ul>
 *   <li>{@code PUT /api/institutions/{shortName}/credentials/{partner}} with
 *       {@code {"username": ..., "secret": ...}} stores them and answers 204 with no body;</li>
 *   <li>{@code GET /api/institutions/{shortName}/credentials} says, per partner, which user is set
 *       and whether a secret is, never what it is.</li>
 * </ul>
 * What each partner's pair means: Inspera: the integration user's API key (exchanged for tokens);
 * WISEflow: the API key, or client id and secret for OAuth2; FS: the FSWS user and password;
 * Proview: the Talview account; archive: the archive's token; Metrica: Examhub's own Metrica access
 * token (only for the institution named by {@code EXAMHUB_METRICA_INSTITUTION}). An operator limited
 * to some institutions gets 404 for any other's accounts.
 */
public final class CredentialRoutes implements HttpRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialRoutes.class);
  /** The partners Examhub calls with an institution's own account. */
  static final List<Partner> ACCOUNTS = List.of(Partner.INSPERA, Partner.WISEFLOW, Partner.FS, Partner.PROVIEW,
      Partner.ARCHIVE, Partner.METRICA);

  private final BearerAuth auth;
  private final InstitutionRepository institutions;
  private final PartnerCredentialsRepository credentials;

  CredentialRoutes(BearerAuth auth, InstitutionRepository institutions, PartnerCredentialsRepository credentials) {
    this.auth = auth;
    this.institutions = institutions;
    this.credentials = credentials;
  }

  public static CredentialRoutes of(BearerAuth auth, InstitutionRepository institutions,
      PartnerCredentialsRepository credentials) {
    return new CredentialRoutes(auth, institutions, credentials);
  }

  /** The body of a PUT; its {@code toString} hides the secret, should anything ever print it. */
  record Body(String username, String secret) {
    @Override
    public String toString() {
      return "Body[username=" + username + ", secret=***]";
    }
  }

  /** What a GET shows of one partner's account. */
  record View(String partner, String username, boolean secretSet) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/institutions/{shortName}/credentials", this::list);
    routes.put("/api/institutions/{shortName}/credentials/{partner}", this::put);
  }

  private void list(Context ctx) {
    ApiClient operator = auth.requireFor(ctx, Scopes.ADMIN, ctx.pathParam("shortName"),
        () -> InstitutionRoutes.noInstitution(ctx.pathParam("shortName")));
    String shortName = existing(operator, ctx.pathParam("shortName"));
    List<View> views = ACCOUNTS.stream().map(p -> credentials.find(shortName, p)
        .map(c -> new View(p.id(), c.username(), c.secret() != null && !c.secret().isEmpty()))
        .orElse(new View(p.id(), null, false))).toList();
    ctx.contentType("application/json").result(Json.bytes(Map.of("institution", shortName, "credentials", views)));
  }

  private void put(Context ctx) {
    ApiClient operator = auth.requireFor(ctx, Scopes.ADMIN, ctx.pathParam("shortName"),
        () -> InstitutionRoutes.noInstitution(ctx.pathParam("shortName")));
    String shortName = existing(operator, ctx.pathParam("shortName"));
    Partner partner = partner(ctx.pathParam("partner"));
    Body body;
    try {
      body = Json.read(ctx.bodyAsBytes(), Body.class);
    } catch (RuntimeException e) {
      // Jackson's message would quote the body, secret and all.
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "the body must be {\"username\": ..., \"secret\": ...}");
    }
    if (body == null || body.secret() == null || body.secret().isBlank()) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "secret is missing or blank");
    }
    credentials.save(new PartnerCredentials(shortName, partner, body.username(), body.secret()));
    LOG.info("credentials of {} for {} set by {}", shortName, partner.id(), operator.clientId());
    ctx.status(204);
  }

  /** The institution's own short name, checked against the operator's scope once more as stored. */
  private String existing(ApiClient operator, String shortName) {
    return institutions.find(shortName).map(i -> i.shortName()).filter(operator::mayAccess)
        .orElseThrow(() -> InstitutionRoutes.noInstitution(shortName));
  }

  private static Partner partner(String id) {
    return ACCOUNTS.stream().filter(p -> p.id().equals(id.toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No partner " + id + "; one of "
            + Arrays.toString(ACCOUNTS.stream().map(Partner::id).toArray())));
  }
}
