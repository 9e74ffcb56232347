package no.examhub.ops.institutions;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.Map;
import no.examhub.access.ApiClient;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.InstitutionRepository;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's institution configuration (bearer token with scope {@code admin}):
 * {@code GET /api/institutions}, {@code GET /api/institutions/{shortName}} and
 * {@code PUT /api/institutions/{shortName}} (create or replace; {@link InstitutionUpdate}).
 * A change is in MongoDB before the answer and in this instance's directory at once; the other
 * instances read it within {@code EXAMHUB_CONFIG_REFRESH}. Secrets are never returned. An operator
 * limited to some institutions lists only those and gets 404 for any other, existing or not.
 */
public final class InstitutionRoutes implements HttpRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(InstitutionRoutes.class);

  private final BearerAuth auth;
  private final InstitutionRepository repository;
  private final InstitutionDirectory directory;

  InstitutionRoutes(BearerAuth auth, InstitutionRepository repository, InstitutionDirectory directory) {
    this.auth = auth;
    this.repository = repository;
    this.directory = directory;
  }

  public static InstitutionRoutes of(BearerAuth auth, InstitutionRepository repository, InstitutionDirectory directory) {
    return new InstitutionRoutes(auth, repository, directory);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/institutions", this::list);
    routes.get("/api/institutions/{shortName}", this::one);
    routes.put("/api/institutions/{shortName}", this::put);
  }

  private void list(Context ctx) {
    ApiClient operator = auth.require(ctx, Scopes.ADMIN);
    var all = repository.findAll().stream().filter(i -> operator.mayAccess(i.shortName())).sorted(Comparator.comparing(Institution::shortName))
        .map(InstitutionView::of).toList();
    json(ctx, Map.of("count", all.size(), "institutions", all));
  }

  private void one(Context ctx) {
    String shortName = ctx.pathParam("shortName");
    auth.requireFor(ctx, Scopes.ADMIN, shortName, () -> noInstitution(shortName));
    json(ctx, InstitutionView.of(find(shortName)));
  }

  private void put(Context ctx) {
    String shortName = ctx.pathParam("shortName");
    // A scoped operator neither changes another institution nor creates a new one.
    ApiClient operator = auth.requireFor(ctx, Scopes.ADMIN, shortName, () -> noInstitution(shortName));
    InstitutionUpdate update;
    try {
      update = Json.read(ctx.bodyAsBytes(), InstitutionUpdate.class);
    } catch (RuntimeException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, ownMessage(e).orElse("the body must be an institution as JSON"));
    }
    if (update == null) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "the body must be an institution as JSON");
    }
    Institution existing = repository.find(shortName).orElse(null);
    Institution saved = update.apply(shortName, existing);
    repository.save(saved);
    directory.refresh();
    // Who changed which institution; never what the secrets are.
    LOG.info("institution {} {} by {}", shortName, existing == null ? "created" : "updated", operator.clientId());
    ctx.status(existing == null ? 201 : 200);
    json(ctx, InstitutionView.of(saved));
  }

  /** A setting's own validation message (never Jackson's, which would quote the body and its secrets). */
  private static java.util.Optional<String> ownMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException && t.getStackTrace().length > 0
          && t.getStackTrace()[0].getClassName().startsWith("no.examhub.institution.")) {
        return java.util.Optional.ofNullable(t.getMessage());
      }
    }
    return java.util.Optional.empty();
  }

  private Institution find(String shortName) {
    return repository.find(shortName).orElseThrow(() -> noInstitution(shortName));
  }

  static ApiException noInstitution(String shortName) {
    return new ApiException(ErrorCode.NOT_FOUND, "No institution " + shortName + ".");
  }

  private static void json(Context ctx, Object body) {
    ctx.contentType("application/json").result(Json.bytes(body));
  }
}
