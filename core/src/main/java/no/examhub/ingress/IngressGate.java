package no.examhub.ingress;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.Authenticated;
import no.examhub.platform.http.ClientAddress;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.http.KeyedBuckets;

/**
 * What every ingress request passes, in one place rather than in each route: two rate limits and
 * the per-source metrics (requests by outcome with their latency, request bytes). Labels carry
 * only the source, one of a fixed list, never an institution, address, token or path.
 *
 * <ul>
 *   <li>Before authentication, a token bucket per client address ({@link ClientAddress}), so one
 *       sender of unauthenticated junk slows down only itself.</li>
 *   <li>After authentication ({@link Authenticated#as}), a bucket per source and institution (or
 *       API client), so one institution's flood never gets another institution a 429.</li>
 * </ul>
 * Both answer {@code 429 70429} with {@code Retry-After}; both bucket maps are bounded
 * ({@link KeyedBuckets}).
 */
public final class IngressGate implements HttpRoutes {
  /** The ingress sources, as in {@code /webhooks/{source}/...}; {@code metrica} is {@code /metrica/...}. */
  public static final List<String> SOURCES = List.of("inspera", "proctoring", "proview", "metrica", "standard");
  static final String OTHER = "other";
  private static final String STARTED = "examhub.ingress.started";

  private final Map<String, Gate> gates = new HashMap<>();
  private final RawIngress ingress;
  private final ClientAddress addresses;
  private final KeyedBuckets perAddress;
  private final KeyedBuckets perTenant;

  /**
   * @param limits the rates per (source, institution) and per client address, and how many
   *     buckets each may hold
   */
  public IngressGate(Limits limits, MeterRegistry registry, RawIngress ingress) {
    this.ingress = ingress;
    this.addresses = ClientAddress.trusting(limits.trustedProxies());
    this.perAddress = new KeyedBuckets(limits.perAddress(), limits.maxKeys());
    this.perTenant = new KeyedBuckets(limits.perTenant(), limits.maxKeys());
    for (String source : SOURCES) {
      gates.put(source, new Gate(source, registry));
    }
    gates.put(OTHER, new Gate(OTHER, registry));
    for (var limit : Map.of("address", perAddress, "tenant", perTenant).entrySet()) {
      FunctionCounter.builder("examhub.ingress.rate.limit.overflow", limit.getValue(), KeyedBuckets::overflowed)
          .description("Requests counted in the shared overflow bucket because the bucket map was full")
          .tag("limit", limit.getKey())
          .register(registry);
      Gauge.builder("examhub.ingress.rate.limit.buckets", limit.getValue(), KeyedBuckets::size)
          .description("Rate-limit buckets held (bounded by EXAMHUB_RATE_LIMIT_MAX_KEYS)")
          .tag("limit", limit.getKey())
          .register(registry);
    }
  }

  /**
   * @param perTenant requests per second per source and institution ({@code EXAMHUB_RATE_LIMIT_PER_SECOND})
   * @param perAddress requests per second per client address ({@code EXAMHUB_CLIENT_RATE_LIMIT_PER_SECOND})
   * @param maxKeys buckets each limit holds at most ({@code EXAMHUB_RATE_LIMIT_MAX_KEYS})
   * @param trustedProxies whose {@code X-Forwarded-For} is believed ({@code EXAMHUB_TRUSTED_PROXIES})
   */
  public record Limits(int perTenant, int perAddress, int maxKeys, String trustedProxies) {}

  @Override
  public void register(RoutesConfig routes) {
    for (String prefix : List.of("/webhooks/*", "/metrica/*")) {
      routes.before(prefix, this::admit);
      routes.after(prefix, this::record);
    }
  }

  private void admit(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
    Gate gate = gates.get(sourceOf(ctx.path()));
    String client = addresses.of(ctx.req().getRemoteAddr(), ctx.header(ClientAddress.FORWARDED_FOR));
    refuseWhenEmpty(gate, gate.byAddress, perAddress.tryTake(client),
        "Too many requests from this address. Please retry later.");
    Authenticated.install(ctx, (c, tenant) -> refuseWhenEmpty(gate, gate.byTenant,
        perTenant.tryTake(gate.source + '/' + tenant), ErrorCode.RATE_LIMITED.message()));
  }

  private void refuseWhenEmpty(Gate gate, Counter limited, long waitNanos, String message) {
    if (waitNanos > 0) {
      limited.increment();
      ingress.rejected(gate.source, ErrorCode.RATE_LIMITED);
      long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
      throw new ApiException(ErrorCode.RATE_LIMITED, message, Map.of("Retry-After", Long.toString(seconds)));
    }
  }

  private void record(Context ctx) {
    Long started = ctx.attribute(STARTED);
    if (started == null) {
      return;
    }
    Gate gate = gates.get(sourceOf(ctx.path()));
    boolean accepted = ctx.statusCode() >= 200 && ctx.statusCode() < 300;
    (accepted ? gate.accepted : gate.rejected).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    int length = ctx.contentLength();
    if (length >= 0) {
      gate.bytes.record(length);
    }
  }

  /** {@code /webhooks/{source}/...} or {@code /metrica/...}; anything else counts as {@code other}. */
  static String sourceOf(String path) {
    if (path.startsWith("/metrica/")) {
      return "metrica";
    }
    if (path.startsWith("/webhooks/")) {
      int end = path.indexOf('/', 10);
      String source = end < 0 ? path.substring(10) : path.substring(10, end);
      if (SOURCES.contains(source)) {
        return source;
      }
    }
    return OTHER;
  }

  /** One source's meters, created once so the hot path looks nothing up by name. */
  private static final class Gate {
    final String source;
    final Timer accepted;
    final Timer rejected;
    final Counter byAddress;
    final Counter byTenant;
    final DistributionSummary bytes;

    Gate(String source, MeterRegistry registry) {
      this.source = source;
      this.byAddress = limited(registry, source, "address");
      this.byTenant = limited(registry, source, "tenant");
      this.accepted = timer(registry, source, "accepted");
      this.rejected = timer(registry, source, "rejected");
      this.bytes = DistributionSummary.builder("examhub.ingress.request.bytes")
          .description("Size of ingress request bodies, by source")
          .baseUnit("bytes")
          .tag("source", source)
          .register(registry);
    }

    private static Counter limited(MeterRegistry registry, String source, String limit) {
      return Counter.builder("examhub.ingress.rate.limited")
          .description("Requests answered 429, by source and by which limit: per client address (before "
              + "authentication) or per institution (after it)")
          .tag("source", source)
          .tag("limit", limit)
          .register(registry);
    }

    private static Timer timer(MeterRegistry registry, String source, String outcome) {
      return Timer.builder("examhub.ingress.requests")
          .description("Ingress requests by source and outcome (2xx accepted, else rejected), with latency")
          .tag("source", source)
          .tag("outcome", outcome)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(10))
          .register(registry);
    }
  }
}
