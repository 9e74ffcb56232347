package no.examhub.partner.metrica;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletionException;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.ErrorContract;
import no.examhub.platform.http.HttpRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test players' and DFE's reads and saves (seed 004 items 2-5, 7, 8), scope
 * {@code metrica:consume}, forwarded to Metrica's back end with the path below {@code /metrica}
 * and the query string unchanged. Metrica's 2xx is passed through with its status and content
 * type; its 404 is 404 70404; its 400 is 400 70416 (the caller's parameters); every other answer,
 * 5xx included, is 503 70503: the caller cannot fix it, and a retry later may work.
 */
final class MetricaPassThroughRoutes implements HttpRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(MetricaPassThroughRoutes.class);
  private static final String PREFIX = "/metrica";

  private final BearerAuth auth;
  private final MetricaClient client;

  MetricaPassThroughRoutes(BearerAuth auth, MetricaClient client) {
    this.auth = auth;
    this.client = client;
  }

  @Override
  public void register(RoutesConfig routes) {
    get(routes, PREFIX + "/{version}/publishedtests");
    get(routes, PREFIX + "/{version}/publishedtests/{testId}");
    get(routes, PREFIX + "/v1/test-player/testresponse/{testId}");
    routes.post(PREFIX + "/v1/test-player/saveResponse", ctx -> forward(ctx, "saveResponse"));
    get(routes, PREFIX + "/v1/results/{testInstanceId}");
    get(routes, PREFIX + "/v1/results/{tinId}/qti");
  }

  private void get(RoutesConfig routes, String path) {
    routes.get(path, ctx -> forward(ctx, path));
  }

  /** {@code route} is the template, logged instead of the path, which carries ids. */
  private void forward(Context ctx, String route) {
    auth.require(ctx, Scopes.METRICA_CONSUME);
    String query = ctx.queryString();
    String target = ctx.path().substring(PREFIX.length()) + (query == null || query.isEmpty() ? "" : "?" + query);
    boolean post = "POST".equals(ctx.method().name());
    if (!MetricaClient.isValidTarget(target)) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "Path or query string is not a valid URI.");
    }
    ctx.future(() -> client.send(ctx.method().name(), target, post ? ctx.bodyAsBytes() : null,
            post ? ctx.contentType() : null)
        .handle((response, error) -> {
          if (error != null) {
            fail(ctx, route, error);
          } else {
            answer(ctx, route, response);
          }
          return null;
        }));
  }

  private static void answer(Context ctx, String route, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
      ctx.status(status).result(response.body());
    } else if (status == 404) {
      ErrorContract.write(ctx, ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.message());
    } else if (status == 400) {
      ErrorContract.write(ctx, ErrorCode.MALFORMED_REQUEST, "Metrica rejected the request's parameters.");
    } else {
      LOG.warn("Metrica answered {} to {} {}", status, ctx.method().name(), route);
      ErrorContract.write(ctx, ErrorCode.BACKEND_DOWN, ErrorCode.BACKEND_DOWN.message());
    }
  }

  private static void fail(Context ctx, String route, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    ErrorCode code = cause instanceof MetricaClient.BackendFailure failure ? failure.code() : ErrorCode.BACKEND_DOWN;
    LOG.warn("Metrica not reached for {} {}: {}", ctx.method().name(), route,
        cause.getCause() == null ? cause.toString() : cause.getCause().toString());
    if (code == ErrorCode.BACKEND_DOWN) {
      ctx.header("Retry-After", "5");
    }
    ErrorContract.write(ctx, code, code.message());
  }
}
