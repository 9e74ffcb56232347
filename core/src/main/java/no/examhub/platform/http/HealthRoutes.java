package no.examhub.platform.http;

import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import no.examhub.platform.json.Json;

/**
 * {@code /health/live} (the process serves HTTP), {@code /health/ready} (every dependency check
 * passes: 200, else 503 naming the failing ones) and {@code /metrics} (Prometheus text).
 */
public final class HealthRoutes implements HttpRoutes {
  private final Map<String, BooleanSupplier> readinessChecks;
  private final PrometheusMeterRegistry registry;

  public HealthRoutes(Map<String, BooleanSupplier> readinessChecks, PrometheusMeterRegistry registry) {
    this.readinessChecks = readinessChecks;
    this.registry = registry;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/health/live", ctx -> ctx.contentType("application/json").result(Json.bytes(Map.of("status", "UP"))));
    routes.get("/health/ready", ctx -> {
      Map<String, String> checks = new LinkedHashMap<>();
      boolean ready = true;
      for (var check : readinessChecks.entrySet()) {
        boolean ok = check.getValue().getAsBoolean();
        checks.put(check.getKey(), check.getValue() instanceof ReadinessCheck described ? described.state()
            : ok ? ReadinessCheck.UP : ReadinessCheck.DOWN);
        ready &= ok;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", ready ? "UP" : "DOWN");
      body.put("checks", checks);
      ctx.status(ready ? 200 : 503).contentType("application/json").result(Json.bytes(body));
    });
    routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(registry.scrape()));
  }
}
