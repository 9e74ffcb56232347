package no.examhub.platform.http;

import io.javalin.http.Context;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per request on logger {@code examhub.access}, with seed 003's indexed fields in the
 * MDC (so the JSON layout makes them fields): org, instance, env, eventName, remoteAddress,
 * requestUri, plus method, status, durationMs and requestId. The URI is the route template with
 * only the institution filled in: a raw path may carry a capability token (Proview's callback).
 * Bodies, headers and query strings are never logged. Health checks and scrapes are not logged.
 */
public final class AccessLog {
  private static final Logger LOG = LoggerFactory.getLogger("examhub.access");
  private static final String ORG = "examhub.access.org";
  private static final String INSTANCE = "examhub.access.instance";
  private static final String EVENT = "examhub.access.event";
  private static final Pattern SHORT_NAME = Pattern.compile("[a-z0-9-]{1,40}");
  private static final Pattern PLAIN_EVENT = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final String[] FIELDS = {"org", "instance", "env", "eventName", "remoteAddress", "requestUri",
      "method", "status", "durationMs", "requestId"};

  private AccessLog() {}

  /** A route that found the institution names it and its exam-system instance for the access line. */
  public static void institution(Context ctx, String org, String instance) {
    ctx.attribute(ORG, org);
    ctx.attribute(INSTANCE, instance);
  }

  /** A route that already parsed the body names the partner's event; the access log never parses bodies. */
  public static void event(Context ctx, String eventName) {
    // Partner text: only a plain name gets into the log.
    ctx.attribute(EVENT, eventName != null && PLAIN_EVENT.matcher(eventName).matches() ? eventName : "unrecognised");
  }

  static void write(Context ctx, float ms, String environment) {
    String route = HttpServer.routeOf(ctx);
    if (route.startsWith("/health") || route.equals("/metrics")) {
      return;
    }
    String org = org(ctx);
    try {
      put("org", org);
      put("instance", ctx.attribute(INSTANCE));
      put("env", environment);
      put("eventName", ctx.attribute(EVENT));
      put("remoteAddress", ctx.ip());
      put("requestUri", org == null ? route : route.replace("{institution}", org));
      put("method", ctx.method().name());
      put("status", Integer.toString(ctx.statusCode()));
      put("durationMs", Double.toString(Math.round(ms * 10.0) / 10.0));
      put("requestId", RequestIds.of(ctx));
      LOG.info("{} {} {} {} ms", ctx.method().name(), route, ctx.statusCode(), Math.round(ms));
    } finally {
      for (String field : FIELDS) {
        MDC.remove(field);
      }
    }
  }

  /** The institution a route named, else the path's, only when it looks like a short name. */
  private static String org(Context ctx) {
    String named = ctx.attribute(ORG);
    if (named != null) {
      return named;
    }
    try {
      String fromPath = ctx.pathParamMap().get("institution");
      return fromPath != null && SHORT_NAME.matcher(fromPath).matches() ? fromPath : null;
    } catch (RuntimeException noMatch) {
      return null;
    }
  }

  private static void put(String field, String value) {
    if (value != null) {
      MDC.put(field, value);
    }
  }
}
