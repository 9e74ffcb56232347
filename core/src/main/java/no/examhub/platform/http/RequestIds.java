package no.examhub.platform.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Every request gets an id, echoed in {@code X-Request-Id} and in error bodies, so a partner's
 * complaint can be matched to our logs and to the raw record.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = "examhub.requestId";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {}

  /** A caller's id is kept only when it is short and plain, so it cannot inject into logs. */
  public static void assign(Context ctx) {
    String given = ctx.header(HEADER);
    String id = given != null && PLAIN.matcher(given).matches() ? given : newId();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
  }

  /**
   * A random (version 4) UUID from a per-thread generator: an id names a request, it guards nothing,
   * so it does not need {@code UUID.randomUUID()}'s shared SecureRandom (a lock on every request).
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }

  public static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id == null ? "unknown" : id;
  }
}
