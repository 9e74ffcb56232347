package no.examhub.simulator.inspera;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /inspera/{domain}/api/authenticate/token/?grant_type=authorization_code&client_id=}
 * with the API key in the {@code code} header, {@code Content-Type:
 * application/x-www-form-urlencoded} and an empty body, exactly as Inspera takes it: 200 {@code
 * {"access_token", "expires_in"}}; a wrong key or client id 401 {@code {"error":"invalid_grant"}};
 * a missing parameter, header, the wrong content type or a body 400 {@code invalid_request}; a
 * second exchange for the same user while one is in flight 409 {@code Multiple tokens for user}.
 */
final class InsperaTokenEndpoint {
  /** How long an exchange takes: long enough that two concurrent ones for a user do meet. */
  private static final long EXCHANGE_MILLIS = 25;
  private final InsperaSimulator inspera;

  InsperaTokenEndpoint(InsperaSimulator inspera) {
    this.inspera = inspera;
  }

  void register(RoutesConfig routes) {
    InsperaError.register(routes);
    routes.post(InsperaSimulator.PREFIX + "/authenticate/token/", this::exchange);
  }

  private void exchange(Context ctx) {
    InsperaTenant tenant = inspera.tenantOf(ctx);
    String code = ctx.header("code");
    int status = 200;
    try {
      check(ctx, tenant, code);
      AtomicInteger inFlight = inspera.exchangesInFlight.computeIfAbsent(tenant.domain() + "|" + code,
          k -> new AtomicInteger());
      if (tenant.takeConflict()) {
        throw InsperaError.of(409, "Multiple tokens for user");
      }
      if (inFlight.incrementAndGet() > 1) {
        inFlight.decrementAndGet();
        throw InsperaError.of(409, "Multiple tokens for user");
      }
      try {
        Thread.sleep(EXCHANGE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
      }
      ctx.json(Map.of("access_token", tenant.issueToken(), "expires_in", tenant.tokenLifetimeSeconds()));
    } catch (InsperaError e) {
      status = e.status;
      throw e;
    } finally {
      tenant.recordExchange(new InsperaTenant.Exchange(ctx.method().name(), ctx.path(), ctx.queryString(),
          code != null && tenant.knowsKey(code), ctx.header("Content-Type"), ctx.bodyAsBytes().length,
          status));
    }
  }

  private static void check(Context ctx, InsperaTenant tenant, String code) {
    String type = ctx.header("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      throw InsperaError.of(400, "invalid_request");
    }
    if (!"authorization_code".equals(ctx.queryParam("grant_type")) || blank(ctx.queryParam("client_id"))
        || blank(code) || ctx.bodyAsBytes().length > 0) {
      throw InsperaError.of(400, "invalid_request");
    }
    if (!tenant.clientId().equals(ctx.queryParam("client_id")) || !tenant.knowsKey(code)) {
      throw InsperaError.of(401, "invalid_grant");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
