package no.examhub.ops.institutions;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.institution.ConnectionCheck;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;

/**
 * {@code POST /api/institutions/{name}/connection-check} (scope {@code admin}): calls each of the
 * institution's partners once ({@link ConnectionChecks}) and answers what works, in plain words;
 * {@code ./examhub doctor INSTITUTION} prints it. Another institution's is answered as no institution.
 */
public final class ConnectionCheckRoutes implements HttpRoutes {
  private final BearerAuth auth;
  private final InstitutionDirectory institutions;
  private final ConnectionChecks checks;

  public ConnectionCheckRoutes(BearerAuth auth, InstitutionDirectory institutions, ConnectionChecks checks) {
    this.auth = auth;
    this.institutions = institutions;
    this.checks = checks;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/api/institutions/{name}/connection-check", this::check);
  }

  private void check(Context ctx) {
    String name = ctx.pathParam("name");
    auth.requireFor(ctx, Scopes.ADMIN, name, () -> InstitutionRoutes.noInstitution(name));
    Institution institution = institutions.find(name).orElseThrow(() -> InstitutionRoutes.noInstitution(name));
    List<ConnectionCheck> results = checks.run(institution);
    ctx.contentType("application/json").result(Json.bytes(Map.of("institution", name,
        "ok", results.stream().allMatch(ConnectionCheck::ok), "checks", results)));
  }
}
