package no.examhub.platform.http;

import io.javalin.http.Context;

/**
 * The point in a request where the caller has proven who it is. A route (or {@code BearerAuth})
 * calls {@link #as} right after its credential check; whatever a before-handler installed for the
 * request then runs, such as the ingress's per-institution rate limit, which must count only
 * requests that are really that institution's. Without an installed check (operator routes) it
 * does nothing.
 */
public final class Authenticated {
  private static final String ATTRIBUTE = "examhub.authenticated.check";

  /** What runs once the caller is known; throws {@link ApiException} to refuse the request. */
  @FunctionalInterface
  public interface Check {
    void admit(Context ctx, String tenant);
  }

  private Authenticated() {}

  public static void install(Context ctx, Check check) {
    ctx.attribute(ATTRIBUTE, check);
  }

  /** @param tenant who authenticated: an institution's short name, or an API client's id */
  public static void as(Context ctx, String tenant) {
    Check check = ctx.attribute(ATTRIBUTE);
    if (check != null) {
      check.admit(ctx, tenant);
    }
  }
}
