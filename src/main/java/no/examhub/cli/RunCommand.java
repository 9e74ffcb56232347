package no.examhub.cli;

import java.util.concurrent.CountDownLatch;
import no.examhub.Examhub;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.EmbeddedDefault;

/** Starts Examhub and serves until the process is stopped. */
public final class RunCommand {
  private RunCommand() {}

  public static int run() throws InterruptedException {
    ExamhubConfig config = ExamhubConfig.fromEnvironment();
    long started = System.nanoTime();
    // The embedded default's broker, store and simulators, each only where the configuration names
    // none (a production configuration leaves nothing to it).
    EmbeddedDefault embedded = new EmbeddedDefault();
    Examhub hub = Examhub.start(config, embedded);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      hub.close();
      stopped.countDown();
    }, "examhub-shutdown"));
    awaitStreams(hub);
    printWhereEverythingIs(config, hub, embedded, (System.nanoTime() - started) / 1_000_000);
    stopped.await();
    return 0;
  }

  private static void awaitStreams(Examhub hub) throws InterruptedException {
    for (int i = 0; i < 600 && !hub.streamsRunning(); i++) {
      Thread.sleep(100);
    }
  }

  private static void printWhereEverythingIs(ExamhubConfig config, Examhub hub, EmbeddedDefault embedded, long millis) {
    String host = config.localHost();
    String base = "http://" + host + ":" + hub.httpPort();
    StringBuilder out = new StringBuilder()
        .append("\nExamhub is ").append(hub.streamsRunning() ? "ready" : "up (Streams still starting)")
        .append(" after ").append(millis).append(" ms\n")
        .append("  HTTP             ").append(base).append("  (health: /health/ready, metrics: /metrics)\n")
        .append("  Kafka            ").append(hub.bootstrapServers())
        .append(config.embeddedKafka() ? "  (embedded, data in " + config.dataDir().resolve("kafka") + ")" : "")
        .append('\n')
        .append("  MongoDB          ").append(config.mongoUri().map(RunCommand::withoutCredentials)
            .orElse("embedded, data in " + config.dataDir().resolve("mongo")))
        .append('\n');
    embedded.simulators().ifPresent(s -> out.append("  Simulators       http://").append(host).append(':').append(s.port())
        .append(" (/inspera, /fs)\n"));
    embedded.demoCredentials().ifPresent(demo -> out
        .append("  Demo institution ").append(DemoData.INSTITUTION).append('\n')
        .append("    Inspera webhook  POST ").append(base).append("/webhooks/inspera/").append(DemoData.INSTITUTION).append('\n')
        .append("    Inspera secret   ").append(demo.insperaSecret()).append('\n')
        .append("    Operator token   ").append(demo.adminToken()).append('\n')
        .append("  All credentials  ").append(config.dataDir().resolve("demo-credentials.json")).append('\n'));
    System.out.println(out);
  }

  /** {@code mongodb://user:secret@host} is printed as {@code mongodb://***@host}. */
  static String withoutCredentials(String uri) {
    return uri.replaceFirst("^([a-z+]+://)[^@/]*@", "$1***@");
  }
}
