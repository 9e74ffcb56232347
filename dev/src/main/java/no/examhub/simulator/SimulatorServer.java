package no.examhub.simulator;

import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
import no.examhub.platform.http.ErrorContract;
import no.examhub.simulator.archive.ArchiveSimulator;
import no.examhub.simulator.fs.FsSimulator;
import no.examhub.simulator.inspera.InsperaSimulator;
import no.examhub.simulator.proview.ProviewSimulator;
import no.examhub.simulator.testplayer.TestPlayerSimulator;
import no.examhub.simulator.wiseflow.WiseflowSimulator;

/**
 * The fake partner systems of the embedded default, on loopback, so every flow runs with no
 * outside system. Each partner's API is served under its own path prefix ({@code /inspera},
 * {@code /fs}, ...), as its own base URL would be in production.
 */
public final class SimulatorServer implements AutoCloseable {
  private final Javalin app;
  private final ProviewSimulator proview;
  private InsperaSimulator inspera;
  private WiseflowSimulator wiseflow;
  private ArchiveSimulator archive;
  private FsSimulator fs;
  private FsSimulator fsProduction;
  private TestPlayerSimulator testPlayers;

  private SimulatorServer(Javalin app, ProviewSimulator proview) {
    this.app = app;
    this.proview = proview;
  }

  public static SimulatorServer start(String host, int port) {
    ProviewSimulator proview = new ProviewSimulator();
    InsperaSimulator inspera = InsperaSimulator.demo();
    WiseflowSimulator wiseflow = new WiseflowSimulator();
    ArchiveSimulator archive = new ArchiveSimulator();
    FsSimulator fs = FsSimulator.demo(Instant.now().minus(Duration.ofHours(1)));
    FsSimulator fsProduction = FsSimulator.demoProduction();
    TestPlayerSimulator testPlayers = new TestPlayerSimulator();
    Javalin app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      ErrorContract.register(cfg.routes);
      proview.register(cfg.routes);
      inspera.register(cfg.routes);
      fs.register(cfg.routes);
      fsProduction.register(cfg.routes);
      wiseflow.register(cfg.routes);
      archive.register(cfg.routes);
      testPlayers.register(cfg.routes);
      new no.examhub.simulator.metrica.MetricaSimulator().register(cfg.routes);
      new no.examhub.simulator.slack.SlackSimulator().register(cfg.routes);
    });
    app.start(host, port);
    SimulatorServer server = new SimulatorServer(app, proview);
    server.inspera = inspera;
    server.wiseflow = wiseflow;
    server.archive = archive;
    server.fs = fs;
    server.fsProduction = fsProduction;
    server.testPlayers = testPlayers;
    return server;
  }

  public ProviewSimulator proview() {
    return proview;
  }

  public InsperaSimulator inspera() {
    return inspera;
  }

  public WiseflowSimulator wiseflow() {
    return wiseflow;
  }

  public ArchiveSimulator archive() {
    return archive;
  }

  /** FS's test server ({@code /fs/test}), where the demo institutions are. */
  public FsSimulator fs() {
    return fs;
  }

  /** FS's production server ({@code /fs/prod}): its own users and records. */
  public FsSimulator fsProduction() {
    return fsProduction;
  }

  public TestPlayerSimulator testPlayers() {
    return testPlayers;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
