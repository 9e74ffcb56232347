package no.examhub.simulator.inspera;

import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * An Inspera refusal in Inspera's shape, {@code {"error": "..."}} (as the token exchange answers
 * {@code {"error":"invalid_grant"}}; the API's other refusals are assumed to look the same).
 */
final class InsperaError extends RuntimeException {
  final int status;

  private InsperaError(int status, String error) {
    super(error, null, false, false);
    this.status = status;
  }

  static InsperaError of(int status, String error) {
    return new InsperaError(status, error);
  }

  static void register(RoutesConfig routes) {
    routes.exception(InsperaError.class, (e, ctx) -> ctx.status(e.status).json(Map.of("error", e.getMessage())));
  }
}
