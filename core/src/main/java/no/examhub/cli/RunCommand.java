package no.examhub.cli;

import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import no.examhub.Examhub;
import no.examhub.Surroundings;
import no.examhub.platform.config.ExamhubConfig;

/**
 * Starts Examhub and serves until the process is stopped. Production runs it with no surroundings;
 * the development module's {@code ./examhub} runs it with the embedded default.
 */
public final class RunCommand {
  private RunCommand() {}

  /** A production Examhub: the configuration names the broker and the store. */
  public static int run() throws InterruptedException {
    return run(Surroundings.NONE, (out, base) -> {});
  }

  /**
   * @param describe adds the surroundings' lines (simulators, demo credentials) to what is printed
   *     once Examhub serves at the given base URL
   */
  public static int run(Surroundings surroundings, BiConsumer<StringBuilder, String> describe)
      throws InterruptedException {
    ExamhubConfig config = ExamhubConfig.fromEnvironment();
    long started = System.nanoTime();
    Examhub hub = Examhub.start(config, surroundings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      hub.close();
      stopped.countDown();
    }, "examhub-shutdown"));
    awaitStreams(hub);
    printWhereEverythingIs(config, hub, describe, (System.nanoTime() - started) / 1_000_000);
    stopped.await();
    return 0;
  }

  private static void awaitStreams(Examhub hub) throws InterruptedException {
    for (int i = 0; i < 600 && !hub.streamsRunning(); i++) {
      Thread.sleep(100);
    }
  }

  private static void printWhereEverythingIs(ExamhubConfig config, Examhub hub,
      BiConsumer<StringBuilder, String> describe, long millis) {
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
    describe.accept(out, base);
    System.out.println(out);
  }

  /** {@code mongodb://user:secret@host} is printed as {@code mongodb://***@host}. */
  static String withoutCredentials(String uri) {
    return uri.replaceFirst("^([a-z+]+://)[^@/]*@", "$1***@");
  }
}
