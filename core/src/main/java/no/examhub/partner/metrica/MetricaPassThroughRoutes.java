package no.examhub.partner.metrica;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.ErrorContract;
import no.examhub.platform.http.HttpRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test players' and DFE's reads and saves (seed 004 items 2-5, 7, 8), forwarded to Metrica's
 * back end. Reads need scope {@code metrica:read}, {@code saveResponse} needs {@code metrica:write}.
 *
 * <p>The back-end path is rebuilt from the route's decoded, validated parameters
 * ({@link MetricaTarget}), never copied from the request: a parameter that is not a plain id
 * ({@code ..}, an encoded slash, a percent sign...) or an unknown query parameter is
 * {@code 400 70417}, and nothing is sent. The call carries Examhub's own Metrica credential, not the
 * caller's token ({@link MetricaClient}).
 *
 * <p>Metrica's 2xx is passed through with its status and content type; its 404 is 404 70404; its
 * 400 is 400 70416 (the caller's parameters); its 401 and 403 refuse Examhub's credential, not the
 * caller's: {@code 502 70502}, counted ({@code examhub_metrica_backend_refused_total} by status),
 * for the operators to renew it; every other answer, 5xx included, is 503 70503: the caller cannot
 * fix it, and a retry later may work.
 */
final class MetricaPassThroughRoutes implements HttpRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(MetricaPassThroughRoutes.class);
  private static final String PREFIX = "/metrica";
  private static final List<String> PUBLISHED_TESTS_QUERY = List.of("product", "from", "to");

  private final BearerAuth auth;
  private final MetricaClient client;
  private final MeterRegistry registry;

  MetricaPassThroughRoutes(BearerAuth auth, MetricaClient client, MeterRegistry registry) {
    this.auth = auth;
    this.client = client;
    this.registry = registry;
  }

  @Override
  public void register(RoutesConfig routes) {
    read(routes, "/{version}/publishedtests", ctx -> MetricaTarget.of(ctx, PUBLISHED_TESTS_QUERY)
        .version("version").literal("publishedtests").build());
    read(routes, "/{version}/publishedtests/{testId}", ctx -> MetricaTarget.of(ctx, List.of())
        .version("version").literal("publishedtests").id("testId").build());
    read(routes, "/v1/test-player/testresponse/{testId}", ctx -> MetricaTarget.of(ctx, List.of())
        .literal("v1").literal("test-player").literal("testresponse").id("testId").build());
    routes.post(PREFIX + "/v1/test-player/saveResponse", ctx -> {
      auth.require(ctx, Scopes.METRICA_WRITE);
      forward(ctx, "/v1/test-player/saveResponse", MetricaTarget.of(ctx, List.of())
          .literal("v1").literal("test-player").literal("saveResponse").build());
    });
    read(routes, "/v1/results/{testInstanceId}", ctx -> MetricaTarget.of(ctx, List.of())
        .literal("v1").literal("results").id("testInstanceId").build());
    read(routes, "/v1/results/{tinId}/qti", ctx -> MetricaTarget.of(ctx, List.of())
        .literal("v1").literal("results").id("tinId").literal("qti").build());
  }

  private void read(RoutesConfig routes, String route, Function<Context, String> target) {
    routes.get(PREFIX + route, ctx -> {
      auth.require(ctx, Scopes.METRICA_READ);
      forward(ctx, route, target.apply(ctx));
    });
  }

  /** {@code route} is the template, logged instead of the path, which carries ids. */
  private void forward(Context ctx, String route, String target) {
    boolean post = "POST".equals(ctx.method().name());
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

  private void answer(Context ctx, String route, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
      ctx.status(status).result(response.body());
    } else if (status == 404) {
      ErrorContract.write(ctx, ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.message());
    } else if (status == 400) {
      ErrorContract.write(ctx, ErrorCode.MALFORMED_REQUEST, "Metrica rejected the request's parameters.");
    } else if (status == 401 || status == 403) {
      refused(Integer.toString(status));
      LOG.error("Metrica answered {} to {} {}: it refuses Examhub's own Metrica credential", status,
          ctx.method().name(), route);
      ErrorContract.write(ctx, ErrorCode.BACKEND_REFUSED_EXAMHUB, status == 401
          ? "Metrica refused Examhub's own credential (401); your token is fine. Please report this to support."
          : "Metrica does not allow Examhub's own account this resource (403); your token is fine. "
              + "Please report this to support.");
    } else {
      LOG.warn("Metrica answered {} to {} {}", status, ctx.method().name(), route);
      ErrorContract.write(ctx, ErrorCode.BACKEND_DOWN, ErrorCode.BACKEND_DOWN.message());
    }
  }

  private void fail(Context ctx, String route, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    ErrorCode code = cause instanceof MetricaClient.BackendFailure failure ? failure.code() : ErrorCode.BACKEND_DOWN;
    LOG.warn("Metrica not reached for {} {}: {}", ctx.method().name(), route,
        cause.getCause() == null ? cause.toString() : cause.getCause().toString());
    if (code == ErrorCode.BACKEND_REFUSED_EXAMHUB) {
      refused("none");
      ErrorContract.write(ctx, code, "Examhub holds no Metrica credential; your token is fine. "
          + "Please report this to support.");
      return;
    }
    if (code == ErrorCode.BACKEND_DOWN) {
      ctx.header("Retry-After", "5");
    }
    ErrorContract.write(ctx, code, code.message());
  }

  private void refused(String status) {
    Counter.builder("examhub.metrica.backend.refused")
        .description("Calls to Metrica refused because of Examhub's own credential (401, 403, or none stored)")
        .tag("status", status).register(registry).increment();
  }
}
