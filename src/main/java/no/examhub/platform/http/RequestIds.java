package no.examhub.platform.http;

import io.javalin.http.Context;
import java.util.UUID;

/**
 * Every request gets an id, echoed in {@code X-Request-Id} and in error bodies, so a partner's
 * complaint can be matched to our logs and to the raw record.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = "examhub.requestId";

  private RequestIds() {}

  /** A caller's id is kept only when it is short and plain, so it cannot inject into logs. */
  public static void assign(Context ctx) {
    String given = ctx.header(HEADER);
    String id = given != null && given.matches("[A-Za-z0-9._-]{1,64}") ? given : UUID.randomUUID().toString();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
  }

  public static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id == null ? "unknown" : id;
  }
}
