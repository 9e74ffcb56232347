package no.examhub.partner.fs;

import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.time.Duration;
import no.examhub.platform.http.ErrorContract;
import no.examhub.simulator.fs.FsSimulator;

/** FS simulators (one per environment) on a port of their own, for tests that need no whole hub. */
final class FsServer implements AutoCloseable {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Javalin app;

  private FsServer(Javalin app) {
    this.app = app;
  }

  static FsServer start(FsSimulator... environments) {
    return new FsServer(Javalin.create(cfg -> {
      ErrorContract.register(cfg.routes);
      for (FsSimulator fs : environments) {
        fs.register(cfg.routes);
      }
    }).start("127.0.0.1", 0));
  }

  /** What {@code PartnerEndpoints} gives with the simulators: {@code http://127.0.0.1:<port>/fs/{fsEnv}}. */
  String url(String environment) {
    return root() + "/fs/" + environment;
  }

  String root() {
    return "http://127.0.0.1:" + app.port();
  }

  FsClient client(String environment, String username, String password) {
    return new FsClient(url(environment), FsAccounts.basic(username, password), HTTP, Duration.ofSeconds(5));
  }

  @Override
  public void close() {
    app.stop();
  }
}
