package no.examhub.ingress;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.http.TokenBucket;

/**
 * What every ingress request passes, in one place rather than in each route: a token bucket per
 * source ({@code 429 70429} with {@code Retry-After} when it is empty) and the per-source metrics
 * (requests by outcome with their latency, request bytes). Labels carry only the source, one of a
 * fixed list, never an institution, token or path.
 */
public final class IngressGate implements HttpRoutes {
  /** The ingress sources, as in {@code /webhooks/{source}/...}; {@code metrica} is {@code /metrica/...}. */
  public static final List<String> SOURCES = List.of("inspera", "proctoring", "proview", "metrica", "standard");
  static final String OTHER = "other";
  private static final String STARTED = "examhub.ingress.started";

  private final Map<String, Gate> gates = new HashMap<>();
  private final RawIngress ingress;

  public IngressGate(int ratePerSecond, MeterRegistry registry, RawIngress ingress) {
    this.ingress = ingress;
    for (String source : SOURCES) {
      gates.put(source, new Gate(source, new TokenBucket(ratePerSecond), registry));
    }
    gates.put(OTHER, new Gate(OTHER, new TokenBucket(ratePerSecond), registry));
  }

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
    long waitNanos = gate.bucket.tryTake();
    if (waitNanos > 0) {
      ingress.rejected(gate.source, ErrorCode.RATE_LIMITED);
      long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
      throw new ApiException(ErrorCode.RATE_LIMITED, ErrorCode.RATE_LIMITED.message(),
          Map.of("Retry-After", Long.toString(seconds)));
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

  /** One source's bucket and meters, created once so the hot path looks nothing up by name. */
  private static final class Gate {
    final String source;
    final TokenBucket bucket;
    final Timer accepted;
    final Timer rejected;
    final DistributionSummary bytes;

    Gate(String source, TokenBucket bucket, MeterRegistry registry) {
      this.source = source;
      this.bucket = bucket;
      this.accepted = timer(registry, source, "accepted");
      this.rejected = timer(registry, source, "rejected");
      this.bytes = DistributionSummary.builder("examhub.ingress.request.bytes")
          .description("Size of ingress request bodies, by source")
          .baseUnit("bytes")
          .tag("source", source)
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
