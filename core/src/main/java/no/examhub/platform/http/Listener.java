package no.examhub.platform.http;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Which routes one HTTP listener serves ({@code EXAMHUB_ADMIN_PORT}). With one listener it serves
 * everything. With two, the public one serves the partner routes (webhooks, callbacks, Metrica)
 * and {@code /health}, and the admin one the operator API, {@code /console}, {@code /metrics} and
 * {@code /health}; each answers 404 for the other's paths, so only the public one needs to be
 * reachable from the internet. The check runs before every other handler and on the normalised
 * path, so no spelling of an operator path slips through the public port.
 */
public enum Listener {
  ALL, PUBLIC, ADMIN;

  void refuseOthers(Context ctx) {
    if (this != ALL && !serves(ctx.path())) {
      throw new ApiException(ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.message());
    }
  }

  boolean serves(String rawPath) {
    String path = rawPath == null ? "/" : rawPath.replaceAll("/{2,}", "/").toLowerCase(Locale.ROOT);
    if (under(path, "/health")) {
      return true;
    }
    boolean admin = under(path, "/api") || under(path, "/console") || under(path, "/metrics");
    return switch (this) {
      case ALL -> true;
      case PUBLIC -> !admin;
      case ADMIN -> admin;
    };
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
