package no.examhub.partner.inspera;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.platform.http.HttpRoutes;

/**
 * {@code GET /api/inspera/unknown-events?institution=} (bearer token with scope {@code admin}):
 * the Inspera event names that arrived signed but mean nothing to Examhub for that institution,
 * so an operator can map them ({@code partners.inspera.events}) or ignore them knowingly.
 */
public final class UnknownInsperaEventRoutes implements HttpRoutes {
  public static final String PATH = "/api/inspera/unknown-events";
  private final BearerAuth auth;
  private final UnknownInsperaEvents unknown;

  public UnknownInsperaEventRoutes(BearerAuth auth, UnknownInsperaEvents unknown) {
    this.auth = auth;
    this.unknown = unknown;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(PATH, ctx -> {
      var operator = auth.require(ctx, Scopes.ADMIN);
      ctx.json(Map.of("unknownEvents", unknown.list(ctx.queryParam("institution")).stream()
          .filter(seen -> operator.mayAccess(seen.institution())).toList()));
    });
  }
}
