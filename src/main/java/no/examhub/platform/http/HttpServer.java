package no.examhub.platform.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    return create(maxBodyBytes, registry, groups, environment, Listener.ALL);
  }

  /** @param listener which of the groups' routes this server answers ({@code EXAMHUB_ADMIN_PORT}) */
  public static Javalin create(long maxBodyBytes, MeterRegistry registry, List<HttpRoutes> groups, String environment,
      Listener listener) {
    return Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.maxRequestSize = maxBodyBytes;
      cfg.http.prefer405over404 = true;
      // Answers are small JSON; wrapping every response in a compressing stream cost more than it
      // saved. A reverse proxy in front may compress the operator API if it ever needs it.
      cfg.http.compressionStrategy = CompressionStrategy.NONE;
      cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
      RequestTimers timers = new RequestTimers(registry);
      cfg.requestLogger.http((ctx, ms) -> {
        timers.record(ctx, ms);
        AccessLog.write(ctx, ms, environment);
      });
      cfg.routes.before(RequestIds::assign);
      cfg.routes.before(listener::refuseOthers);
      ErrorContract.register(cfg.routes);
      groups.forEach(g -> g.register(cfg.routes));
    });
  }

  /**
   * Route templates, not raw paths, keep the label set small (no ids in labels). The timers are
   * looked up in a map of our own: registering through a builder on every request (tag sorting, id
   * and histogram config objects) cost more than the request's own routing.
   */
  private static final class RequestTimers {
    private record Key(String method, String route, int status) {}

    private final MeterRegistry registry;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    RequestTimers(MeterRegistry registry) {
      this.registry = registry;
    }

    void record(Context ctx, Float ms) {
      Key key = new Key(ctx.method().name(), routeOf(ctx), ctx.statusCode());
      timers.computeIfAbsent(key, this::register).record((long) (ms * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private Timer register(Key key) {
      return Timer.builder("http.server.requests")
          .description("HTTP requests served, by route template and status")
          .tag("method", key.method())
          .tag("route", key.route())
          .tag("status", Integer.toString(key.status()))
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(10))
          .register(registry);
    }
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
