package no.examhub.platform.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import no.examhub.platform.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure, whatever raised it, into one JSON error shape with a code; a stack trace
 * goes to the log with the request id, never into the body.
 */
public final class ErrorContract {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorContract.class);

  private ErrorContract() {}

  public static void register(RoutesConfig routes) {
    routes.exception(ApiException.class, (e, ctx) -> {
      e.headers().forEach(ctx::header);
      write(ctx, e.code(), e.getMessage());
    });
    routes.exception(HttpResponseException.class, (e, ctx) -> {
      ErrorCode code = ErrorCode.forStatus(e.getStatus());
      write(ctx, code, code.message());
    });
    routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("unhandled error in request {} {}", RequestIds.of(ctx), HttpServer.routeOf(ctx), e);
      write(ctx, ErrorCode.INTERNAL, ErrorCode.INTERNAL.message());
    });
    // Errors set as a status without an exception (Jetty's own) get the same body.
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      routes.error(status, "*", ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty()) {
          ErrorCode code = ErrorCode.forStatus(status);
          write(ctx, code, code.message());
        }
      });
    }
  }

  public static void write(Context ctx, ErrorCode code, String message) {
    ctx.status(code.status())
        .contentType("application/json")
        .result(Json.bytes(new ErrorBody(code.code(), message, RequestIds.of(ctx))));
  }
}
