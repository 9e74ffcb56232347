package no.examhub.simulator;

import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.examhub.platform.http.ErrorContract;
import no.examhub.simulator.fs.FsSimulator;
import no.examhub.simulator.proview.ProviewSimulator;

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
  private final ProviewSimulator proview;

  private SimulatorServer(Javalin app, ProviewSimulator proview) {
    this.app = app;
    this.proview = proview;
  }

  public static SimulatorServer start(String host, int port) {
    ProviewSimulator proview = new ProviewSimulator();
    Javalin app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      ErrorContract.register(cfg.routes);
      proview.register(cfg.routes);
      cfg.routes.get("/inspera/v1/subscription/events", ctx -> ctx.json(Map.of("events", INSPERA_EVENTS)));
      FsSimulator.demo(Instant.now().minus(Duration.ofHours(1))).register(cfg.routes);
      new no.examhub.simulator.slack.SlackSimulator().register(cfg.routes);
    });
    app.start(host, port);
    return new SimulatorServer(app, proview);
  }

  public ProviewSimulator proview() {
    return proview;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
