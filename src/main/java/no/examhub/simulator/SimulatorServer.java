package no.examhub.simulator;

import io.javalin.Javalin;
import java.util.List;
import java.util.Map;
import no.examhub.platform.http.ErrorContract;

/**
 * The fake partner systems of the embedded default, on loopback, so every flow runs with no
 * outside system. Each partner's API is served under its own path prefix ({@code /inspera},
 * {@code /fs}, ...), as its own base URL would be in production.
 */
public final class SimulatorServer implements AutoCloseable {
  /** Events a webhook subscription may name ({@code GET /v1/subscription/events} in Inspera). */
  static final List<String> INSPERA_EVENTS = List.of("confirm_final_grades", "candidate_submitted",
      "resource_created", "explanation_published", "appeal_decision", "event_by_candidates_export_finished");

  private final Javalin app;

  private SimulatorServer(Javalin app) {
    this.app = app;
  }

  public static SimulatorServer start(String host, int port) {
    Javalin app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      ErrorContract.register(cfg.routes);
      cfg.routes.get("/inspera/v1/subscription/events", ctx -> ctx.json(Map.of("events", INSPERA_EVENTS)));
      cfg.routes.get("/fs/eksamen/klager/{examSystem}", ctx -> ctx.json(List.of()));
      cfg.routes.get("/fs/eksamen/begrunnelse/{examSystem}", ctx -> ctx.json(List.of()));
      new no.examhub.simulator.metrica.MetricaSimulator().register(cfg.routes);
    });
    app.start(host, port);
    return new SimulatorServer(app);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
