package no.examhub.partner.fs;

import java.net.http.HttpClient;
import java.time.Duration;
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
   * Starts polling every active institution on its own FS server ({@code parts.endpoints().fs}:
   * {@code EXAMHUB_FS_URL}, else the simulators', else its {@code fsEnvironment}'s) as its own FSWS
   * user; the caller closes the poller on shutdown. An institution without either is counted and
   * reported by the poller, not skipped here.
   */
  public static FsPoller start(Examhub.Parts parts, OpenExams openExams) {
    ExamhubConfig config = parts.config();
    HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    FsAccounts accounts = new FsAccounts(parts.endpoints(), parts.credentials());
    FsPoller poller = new FsPoller(institution -> accounts.client(institution, http, READ_TIMEOUT),
        parts.institutions(), parts.producer(), new FsWatermarks(parts.database(), parts.registry(), parts.clock()),
        openExams, config.fsInitialLookback(), parts.registry(), parts.clock());
    LOG.info("polling FS every {}", config.fsPollInterval());
    return poller.start(config.fsPollInterval(), config.fsReconcileInterval());
  }
}
