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
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Builds the Javalin server (not started, so tests can start it on a free port): request ids, the
 * error contract, a body-size limit and per-route metrics, then the given route groups.
 */
public final class HttpServer {
  private HttpServer() {}

  public static Javalin create(long maxBodyBytes, MeterRegistry registry, List<HttpRoutes> groups) {
    return create(maxBodyBytes, ConnectionLimits.DEFAULTS, registry, groups, "local");
  }

  /**
   * How long a client may take: what keeps slow clients from holding the server's threads.
   *
   * @param idleTimeout a connection on which nothing arrives for this long is closed
   * @param bodyTimeout a body must be complete within this after its headers
   * @param minBodyBytesPerSecond what a body must average after its first second; 0 for no minimum
   * @param drainTimeout on stop, how long the requests under way may take to be answered before
   *     their connections are closed
   */
  public record ConnectionLimits(Duration idleTimeout, Duration bodyTimeout, int minBodyBytesPerSecond,
      Duration drainTimeout) {
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(6);
    public static final ConnectionLimits DEFAULTS =
        new ConnectionLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), 4096);

    public ConnectionLimits(Duration idleTimeout, Duration bodyTimeout, int minBodyBytesPerSecond) {
      this(idleTimeout, bodyTimeout, minBodyBytesPerSecond, DEFAULT_DRAIN);
    }
  }

  public static Javalin create(long maxBodyBytes, MeterRegistry registry, List<HttpRoutes> groups, String environment) {
    return create(maxBodyBytes, ConnectionLimits.DEFAULTS, registry, groups, environment);
  }

  /** @param environment what the access log names as {@code env} ({@code EXAMHUB_ENV}) */
  public static Javalin create(long maxBodyBytes, ConnectionLimits limits, MeterRegistry registry,
      List<HttpRoutes> groups, String environment) {
    return create(maxBodyBytes, limits, registry, groups, environment, Listener.ALL);
  }

  /** Javalin's per-response copy buffer: larger than most answers, a fraction of its 32 KiB default. */
  static final int RESPONSE_COPY_BUFFER_BYTES = 2048;

  /** @param listener which of the groups' routes this server answers ({@code EXAMHUB_ADMIN_PORT}) */
  public static Javalin create(long maxBodyBytes, ConnectionLimits limits, MeterRegistry registry,
      List<HttpRoutes> groups, String environment, Listener listener) {
    return Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      cfg.http.maxRequestSize = maxBodyBytes;
      cfg.http.prefer405over404 = true;
      // Answers are small JSON; wrapping every response in a compressing stream cost more than it
      // saved. A reverse proxy in front may compress the operator API if it ever needs it.
      cfg.http.compressionStrategy = CompressionStrategy.NONE;
      // Javalin copies every result into the response through a buffer of this size, allocated per
      // response; unset it is Jetty's output buffer, 32 KiB. For answers of a few hundred bytes that
      // was 39 % of all the bench JVM allocated, and its collections added to the ingress's p99
      // (docs/performance.md). Larger results are copied in several writes into Jetty's own buffer.
      cfg.http.responseBufferSize = RESPONSE_COPY_BUFFER_BYTES;
      cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
      // Bodies are gathered without a thread and handed to Javalin complete; idle connections
      // (slow headers, stalled bodies) are closed. Set on every connector at start, whichever
      // listener it serves.
      // A stop is graceful: the connector stops accepting, a request arriving meanwhile on an open
      // connection is refused 503 with Retry-After (JsonErrorHandler), and those under way are
      // answered, up to the drain timeout, before any connection is closed. Without it a stop
      // under load answered some requests 500 (the rolling restart, CleanShutdownTest). Inside
      // the body handler: a request whose body is still arriving is nothing accepted yet, and no
      // slow client holds up the stop.
      cfg.jetty.modifyServer(server -> {
        server.setStopTimeout(limits.drainTimeout().toMillis());
        WholeBodyHandler bodies = new WholeBodyHandler(maxBodyBytes, limits.bodyTimeout(), limits.minBodyBytesPerSecond());
        bodies.setHandler(new GracefulHandler());
        server.setHandler(bodies);
        server.addEventListener(new LifeCycle.Listener() {
          @Override
          public void lifeCycleStarting(LifeCycle event) {
            for (Connector connector : server.getConnectors()) {
              if (connector instanceof AbstractConnector c) {
                c.setIdleTimeout(limits.idleTimeout().toMillis());
              }
            }
          }
        });
      });
      cfg.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(limits.idleTimeout().toMillis()));
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
