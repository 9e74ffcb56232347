package no.examhub.partner.fs;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.kafka.DurableProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires and starts the FS poller. */
public final class FsPolling {
  private static final Logger LOG = LoggerFactory.getLogger(FsPolling.class);

  private FsPolling() {}

  /**
   * Starts polling every active institution on its own FS server ({@code PartnerEndpoints.fs}:
   * {@code EXAMHUB_FS_URL}, else the simulators', else its {@code fsEnvironment}'s) as its own FSWS
   * user; the caller closes the poller on shutdown. An institution without either is counted and
   * reported by the poller, not skipped here.
   */
  public static FsPoller start(ExamhubConfig config, FsAccounts accounts, InstitutionDirectory institutions,
      DurableProducer producer, MongoDatabase database, OpenExams openExams, MeterRegistry registry, Clock clock) {
    // The partner timeouts, like every partner call: FS answers a changed-since list in 1-6 s today
    // (seed 003); an FS that is slower needs EXAMHUB_PARTNER_READ_TIMEOUT raised.
    HttpClient http = HttpClient.newBuilder().connectTimeout(config.partnerConnectTimeout()).build();
    FsPoller poller = new FsPoller(institution -> accounts.client(institution, http, config.partnerReadTimeout()),
        institutions, producer, new FsWatermarks(database, registry, clock),
        openExams, config.fsInitialLookback(), registry, clock);
    LOG.info("polling FS every {}", config.fsPollInterval());
    return poller.start(config.fsPollInterval(), config.fsReconcileInterval());
  }
}
