package no.examhub.faults.load;

import io.javalin.Javalin;
import no.examhub.platform.http.ErrorContract;
import no.examhub.simulator.proview.ProviewSimulator;
import no.examhub.simulator.script.PartnerScript;

/**
 * Proview's simulator on a port of its own, which a test can take away (connections refused) and
 * bring back on the same port, or make answer 503 for a while, keeping what it recorded and
 * applied across the outage, as the real partner's systems would.
 */
final class OutagePartner implements AutoCloseable {
  private final ProviewSimulator proview = new ProviewSimulator();
  private final int port;
  private Javalin app;

  OutagePartner(int port) {
    this.port = port;
  }

  OutagePartner up() {
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      ErrorContract.register(cfg.routes);
      proview.register(cfg.routes);
    });
    app.start("127.0.0.1", port);
    return this;
  }

  /** Nothing listens on the port any more: every call is refused. */
  void down() {
    app.stop();
    app = null;
  }

  /** Every session fetch is answered 503 with Retry-After: 1 until {@link #serving()}. */
  void answering503() {
    script().failNext(Integer.MAX_VALUE, 503, "/v1/sessions/");
  }

  void serving() {
    script().failNext(0, 503);
  }

  String url() {
    return "http://127.0.0.1:" + port + "/proview";
  }

  PartnerScript script() {
    return proview.script();
  }

  @Override
  public void close() {
    if (app != null) {
      down();
    }
  }
}
