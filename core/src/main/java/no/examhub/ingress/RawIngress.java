package no.examhub.ingress;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import no.examhub.event.RawRequest;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.ErrorContract;
import no.examhub.platform.http.RequestIds;
import no.examhub.platform.kafka.RecordWriter;
import no.examhub.platform.kafka.Topic;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an authenticated request to its raw topic and answers only once the broker has
 * acknowledged it: what a partner got a 2xx for is durable. The answer waits on a future, not on
 * a server thread. No acknowledgement within the bound means 503 with {@code Retry-After}; the
 * record may still land later, and the partner's retry is then dropped by deduplication.
 */
public final class RawIngress {
  private static final Logger LOG = LoggerFactory.getLogger(RawIngress.class);
  /**
   * Headers that carry credentials are never stored, and neither are signatures: they were checked
   * here, nothing downstream needs them, and a stored signature with its body is a ready-made
   * replay for anyone who can read a raw topic (or a dead letter copied from one).
   */
  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
      "x-client-secret", "x-inspera-signature", "webhook-signature");

  private final RecordWriter producer;
  private final Duration ackTimeout;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public RawIngress(RecordWriter producer, Duration ackTimeout, MeterRegistry registry, Clock clock) {
    this.producer = producer;
    this.ackTimeout = ackTimeout;
    this.registry = registry;
    this.clock = clock;
  }

  /** Stores the request and answers {@code status} with {@code body} (JSON) once it is durable. */
  public void accept(Context ctx, Topic<String, RawRequest> topic, String source, String institution,
      String key, int status, byte[] body) {
    accept(ctx, topic, source, institution, key, status, body, Map.of());
  }

  /**
   * As above, with headers of Examhub's own stored beside the partner's (lower-case names); they
   * replace any the partner sent under the same name, so a partner cannot forge them.
   */
  public void accept(Context ctx, Topic<String, RawRequest> topic, String source, String institution,
      String key, int status, byte[] body, Map<String, String> ownHeaders) {
    Map<String, String> headers = safeHeaders(ctx);
    ownHeaders.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    RawRequest raw = new RawRequest(RequestIds.of(ctx), source, institution, clock.instant(),
        headers, ctx.bodyAsBytes());
    ctx.future(() -> producer.send(topic, key, raw)
        .orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((metadata, error) -> {
          if (error == null) {
            counter("examhub.ingress.accepted", source, null).increment();
            ctx.status(status).contentType("application/json").result(body);
          } else if (tooLarge(error)) {
            // No retry can make it fit: 413, not 503, or the partner retries forever.
            rejected(source, ErrorCode.BODY_TOO_LARGE);
            ErrorContract.write(ctx, ErrorCode.BODY_TOO_LARGE,
                "The request does not fit in one record; send a smaller body.");
          } else {
            LOG.warn("broker did not acknowledge request {} from {} within {}: {}",
                raw.requestId(), source, ackTimeout, error.toString());
            rejected(source, ErrorCode.BACKEND_DOWN);
            ctx.header("Retry-After", Long.toString(Math.max(1, ackTimeout.toSeconds())));
            ErrorContract.write(ctx, ErrorCode.BACKEND_DOWN, ErrorCode.BACKEND_DOWN.message());
          }
          return null;
        }));
  }

  private static boolean tooLarge(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RecordTooLargeException) {
        return true;
      }
    }
    return false;
  }

  public void rejected(String source, ErrorCode reason) {
    counter("examhub.ingress.rejected", source, reason.code()).increment();
  }

  /** A refusal of a {@code source} request, counted by its code; the caller throws it. */
  public ApiException reject(String source, ErrorCode code, String message) {
    rejected(source, code);
    return new ApiException(code, message);
  }

  /**
   * The institution a webhook's path names, if it may use Examhub now; an unknown or inactive one
   * is a counted {@code 404} (the same answer for both, so a caller learns nothing of which).
   */
  public Institution activeInstitution(InstitutionDirectory institutions, String source, String shortName) {
    return institutions.findActive(shortName)
        .orElseThrow(() -> reject(source, ErrorCode.NOT_FOUND, "Unknown institution."));
  }

  /** Cached: a builder registration per request costs more than the request's own counting. */
  private Counter counter(String name, String source, String reason) {
    return counters.computeIfAbsent(name + '|' + source + '|' + reason, k -> {
      Counter.Builder b = Counter.builder(name).tag("source", source);
      if (reason != null) {
        b.tag("reason", reason);
      }
      return b.register(registry);
    });
  }

  private static Map<String, String> safeHeaders(Context ctx) {
    Map<String, String> headers = new TreeMap<>();
    ctx.headerMap().forEach((name, value) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!SECRET_HEADERS.contains(lower)) {
        headers.put(lower, value);
      }
    });
    return headers;
  }
}
