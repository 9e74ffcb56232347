package no.examhub.partner.inspera;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.WebhookSecrets;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;

/**
 * The operator's view of an institution's Inspera webhooks (bearer token with scope {@code admin}),
 * used by {@code examhub inspera events|subscriptions|subscribe INSTITUTION}:
 * <ul>
 *   <li>{@code GET /api/inspera/{institution}/events}: the tenant's {@code GET /v1/subscription/events};</li>
 *   <li>{@code GET /api/inspera/{institution}/subscriptions}: the tenant's {@code GET /v1/subscription};</li>
 *   <li>{@code POST /api/inspera/{institution}/subscriptions} {@code {"publicUrl"}} (optional; else
 *       {@code EXAMHUB_ADVERTISED_URL}): a fresh secret is stored as the institution's Inspera webhook
 *       secret, Examhub's earlier subscriptions on {@code <publicUrl>/webhooks/inspera/<institution>}
 *       are removed (they are signed with the old secret) and one subscription per configured event
 *       name is registered with the new secret. The secret is never answered, logged or listed.</li>
 * </ul>
 * Calls go out as the institution's integration user, with a token from the exchange.
 */
public final class InsperaSubscriptionRoutes implements HttpRoutes {
  public static final String BASE = "/api/inspera/{institution}";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final BearerAuth auth;
  private final InstitutionDirectory institutions;
  private final InstitutionRepository repository;
  private final InsperaTenants tenants;
  private final InsperaTokens tokens;
  private final PartnerHttp http;
  private final Optional<String> advertisedUrl;

  public InsperaSubscriptionRoutes(BearerAuth auth, InstitutionDirectory institutions, InstitutionRepository repository,
      no.examhub.institution.PartnerEndpoints endpoints, no.examhub.institution.PartnerCredentialsRepository credentials,
      Duration connectTimeout, Duration readTimeout, Clock clock, Optional<String> advertisedUrl) {
    this.auth = auth;
    this.institutions = institutions;
    this.repository = repository;
    this.tenants = new InsperaTenants(institutions::find, endpoints, credentials);
    // Its own token cache: a 409 from racing the dispatch worker's exchange is answered "try again".
    this.tokens = new InsperaTokens(connectTimeout, readTimeout, clock);
    this.http = new PartnerHttp(connectTimeout, readTimeout);
    this.advertisedUrl = advertisedUrl;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(BASE + "/events", ctx -> ctx.json(call(ctx, api -> api.get("/v1/subscription/events"))));
    routes.get(BASE + "/subscriptions", ctx -> ctx.json(call(ctx, api -> api.get("/v1/subscription"))));
    routes.post(BASE + "/subscriptions", this::subscribe);
  }

  @FunctionalInterface
  private interface Operation {
    JsonNode on(InsperaClient api) throws PartnerFailure;
  }

  private JsonNode call(Context ctx, Operation op) {
    String shortName = ctx.pathParam("institution");
    auth.requireFor(ctx, Scopes.ADMIN, shortName, () -> new ApiException(ErrorCode.NOT_FOUND, "Unknown institution."));
    institutions.find(shortName).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Unknown institution."));
    try {
      return op.on(new InsperaClient(http, tokens, tenants.of(shortName), "operator-" + UUID.randomUUID()));
    } catch (PartnerFailure f) {
      throw new ApiException(f.retryable() ? ErrorCode.BACKEND_DOWN : ErrorCode.MALFORMED_REQUEST,
          "Inspera for " + shortName + ": " + f.code() + ": " + f.getMessage());
    }
  }

  private void subscribe(Context ctx) {
    auth.requireFor(ctx, Scopes.ADMIN, ctx.pathParam("institution"),
        () -> new ApiException(ErrorCode.NOT_FOUND, "Unknown institution."));
    Institution institution = institutions.find(ctx.pathParam("institution"))
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "Unknown institution."));
    String endpoint = publicUrl(ctx) + "/webhooks/inspera/" + institution.shortName();
    ctx.json(call(ctx, api -> {
      String secret = newSecret();
      storeSecret(institution, secret);
      ObjectNode answer = Json.MAPPER.createObjectNode().put("endpoint", endpoint);
      ArrayNode removed = answer.putArray("removed");
      for (JsonNode s : api.get("/v1/subscription").path("subscriptions")) {
        if (endpoint.equals(s.path("endpoint").asText())) {
          api.delete("/v1/subscription/" + s.path("subscriptionId").asText());
          removed.add(s.path("subscriptionId"));
        }
      }
      ArrayNode registered = answer.putArray("registered");
      Set<String> names = new LinkedHashSet<>(institution.partners().inspera().events().values());
      for (String event : names) {
        registered.add(api.post("/v1/subscription", Map.of("event", event, "endpoint", endpoint, "secret", secret)));
      }
      return answer;
    }));
  }

  /** Stored before Inspera validates the subscription; this instance reads it at once. */
  private void storeSecret(Institution i, String secret) {
    WebhookSecrets s = i.secrets();
    repository.save(new Institution(i.shortName(), i.orgId(), i.institutionNumber(), i.examSystem(), i.instance(),
        i.fsEnvironment(), i.active(), i.appealsEnabled(), i.explanationsEnabled(), i.appealFilter(),
        new WebhookSecrets(java.util.List.of(secret), s.proctoringClientId(), s.proctoringClientSecretHash(), s.proviewTokenHash(),
            s.standard()), i.partners()));
    institutions.refresh();
  }

  private String publicUrl(Context ctx) {
    JsonNode body;
    try {
      body = ctx.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(ctx.bodyAsBytes());
    } catch (java.io.IOException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Body must be a JSON object, e.g. {\"publicUrl\": \"https://...\"}.");
    }
    String url = body.path("publicUrl").asText("");
    if (url.isBlank()) {
      url = advertisedUrl.orElseThrow(() -> new ApiException(ErrorCode.MALFORMED_REQUEST,
          "No public URL known: pass publicUrl (examhub inspera subscribe INSTITUTION --public-url URL)."));
    }
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "publicUrl is not a URL.");
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "publicUrl must be an http(s) URL.");
    }
    return url.trim().replaceAll("/+$", "");
  }

  private static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
