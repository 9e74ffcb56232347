package no.examhub.partner.fs;

import java.time.Duration;
import java.util.Optional;
import no.examhub.Examhub;
import no.examhub.platform.config.ExamhubConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires and starts the FS poller from Examhub's shared parts. */
public final class FsPolling {
  private static final Logger LOG = LoggerFactory.getLogger(FsPolling.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** FS answers a changed-since list in 1-6 s today (seed 003); a whole exam can take longer. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private FsPolling() {}

  /**
   * Starts polling, or nothing when there is no FS to poll ({@code EXAMHUB_FS_URL} unset and no
   * simulators); the caller closes the poller on shutdown.
   *
   * @param simulatorPort the simulators' port when they run
   */
  public static Optional<FsPoller> start(Examhub.Parts parts, Optional<Integer> simulatorPort, OpenExams openExams) {
    Optional<String> url = baseUrl(parts.config(), simulatorPort);
    if (url.isEmpty()) {
      LOG.warn("EXAMHUB_FS_URL is not set and no simulator runs: FS is not polled");
      return Optional.empty();
    }
    ExamhubConfig config = parts.config();
    FsPoller poller = new FsPoller(new FsClient(url.get(), CONNECT_TIMEOUT, READ_TIMEOUT), parts.institutions(),
        parts.producer(), new FsWatermarks(parts.database(), parts.registry(), parts.clock()), openExams,
        config.fsInitialLookback(), parts.registry(), parts.clock());
    LOG.info("polling FS every {}", config.fsPollInterval());
    return Optional.of(poller.start(config.fsPollInterval(), config.fsReconcileInterval()));
  }

  /** The one place the FS base URL is decided: the setting, else the simulator's {@code /fs}. */
  static Optional<String> baseUrl(ExamhubConfig config, Optional<Integer> simulatorPort) {
    if (!config.fsUrl().isEmpty()) {
      return Optional.of(config.fsUrl());
    }
    String host = "0.0.0.0".equals(config.httpHost()) ? "127.0.0.1" : config.httpHost();
    return simulatorPort.map(port -> "http://" + host + ":" + port + "/fs");
  }
}
