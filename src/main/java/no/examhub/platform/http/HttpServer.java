package no.examhub.platform.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Javalin server (not started, so tests can start it on a free port): request ids, the
 * error contract, a body-size limit and per-route metrics, then the given route groups.
 */
public final class HttpServer {
  private HttpServer() {}

  public static Javalin create(long maxBodyBytes, MeterRegistry registry, List<HttpRoutes> groups) {
    return create(maxBodyBytes, registry, groups, "local");
  }

  /** @param environment what the access log names as {@code env} ({@code EXAMHUB_ENV}) */
  public static Javalin create(long maxBodyBytes, MeterRegistry registry, List<HttpRoutes> groups, String environment) {
    return Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.maxRequestSize = maxBodyBytes;
      cfg.http.prefer405over404 = true;
      cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
      cfg.requestLogger.http((ctx, ms) -> {
        record(registry, ctx, ms);
        AccessLog.write(ctx, ms, environment);
      });
      cfg.routes.before(RequestIds::assign);
      ErrorContract.register(cfg.routes);
      groups.forEach(g -> g.register(cfg.routes));
    });
  }

  /** Route templates, not raw paths, keep the label set small (no ids in labels). */
  private static void record(MeterRegistry registry, Context ctx, Float ms) {
    Timer.builder("http.server.requests")
        .description("HTTP requests served, by route template and status")
        .tag("method", ctx.method().name())
        .tag("route", routeOf(ctx))
        .tag("status", Integer.toString(ctx.statusCode()))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record((long) (ms * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  /** Also what logs name: a raw path may carry a capability token (Proview's callback URL). */
  static String routeOf(Context ctx) {
    try {
      var endpoint = ctx.endpoints().lastHttpEndpoint();
      return endpoint == null ? "unmatched" : endpoint.path;
    } catch (RuntimeException noMatch) {
      return "unmatched";
    }
  }
}
