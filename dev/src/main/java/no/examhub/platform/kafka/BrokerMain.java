package no.examhub.platform.kafka;

import java.io.IOException;

/**
 * Entry point of the embedded broker's child JVM: runs the official {@code kafka.Kafka} and exits
 * when its parent goes away (its stdin closes), so a killed Examhub never leaves a broker behind
 * holding the ports and the data directory.
 */
public final class BrokerMain {
  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    Thread watcher = new Thread(BrokerMain::exitWhenParentDies, "parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
    kafka.Kafka.main(args);
  }

  private static void exitWhenParentDies() {
    try {
      while (System.in.read() != -1) {
        // The parent never writes; anything read is ignored.
      }
    } catch (IOException ignored) {
      // A broken pipe means the same as end of stream.
    }
    System.exit(0);
  }
}
