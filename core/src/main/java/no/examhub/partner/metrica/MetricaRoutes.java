package no.examhub.partner.metrica;

import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import no.examhub.access.BearerAuth;
import no.examhub.event.Partner;
import no.examhub.ingress.RawIngress;
import no.examhub.institution.PartnerCredentials;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.http.ReadinessCheck;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.process.SupervisedLoop;

/**
 * Every Metrica interface of seed 004 under {@code /metrica}: the events Metrica posts, the
 * results-event queue DFE reads, and the pass-through to Metrica's back end.
 *
 * <p>Acknowledgements of the queue are a compacted topic, not MongoDB: they then live where the
 * events live, are as durable as they are, expire with them, and every instance can follow them.
 * With two instances each holds its own locks: a message locked on one can be handed out by the
 * other until the first one's acknowledgement reaches it (within a poll, about 200 ms), so DFE may
 * see a message twice but never loses one. One instance serving the queue (sticky routing) avoids
 * that; the acknowledgements already are shared.
 *
 * <p>The queue's feed is a supervised loop ({@code metrica-queue-feed}): it loads in the
 * background (HTTP starts at once), and a feed that dies is restarted with backoff, counted, and
 * reported on readiness ({@code metrica-queue}: {@code LOADING}, {@code UP}, or {@code DOWN} while
 * the feed is down or keeps dying).
 */
public final class MetricaRoutes implements HttpRoutes, AutoCloseable {
  static final int RETRIES = 2;
  private static final Duration FIRST_RESTART = Duration.ofSeconds(1);
  private static final Duration LONGEST_RESTART = Duration.ofMinutes(1);

  private final HttpRoutes[] groups;
  private final SupervisedLoop feed;
  private final ResultsQueue queue;
  private final ResultsBodies bodies;
  private final ExecutorService reads;

  private MetricaRoutes(SupervisedLoop feed, ResultsQueue queue, ResultsBodies bodies, ExecutorService reads,
      HttpRoutes... groups) {
    this.feed = feed;
    this.queue = queue;
    this.bodies = bodies;
    this.reads = reads;
    this.groups = groups;
  }

  /** Starts loading the results queue in the background and wires the routes; returns at once. */
  /**
   * @param backendUrl Metrica's back end ({@code PartnerEndpoints.metrica}); none: every pass-through call 503
   * @param credentials the Metrica account's secret of an institution
   */
  public static MetricaRoutes create(ExamhubConfig config, Optional<String> backendUrl, BearerAuth auth,
      RawIngress ingress, DurableProducer producer, String bootstrapServers,
      BiFunction<String, Partner, Optional<PartnerCredentials>> credentials, MeterRegistry registry, Clock clock) {
    ResultsQueue queue = new ResultsQueue(clock, config.metricaLockDuration(), config.metricaQueueMax(), registry);
    SupervisedLoop feed = feed(() -> new ResultsQueueFeed(bootstrapServers, queue), registry, clock).start();
    ResultsBodies bodies = new ResultsBodies(bootstrapServers, config.ackTimeout());
    ExecutorService reads = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "metrica-queue-bodies");
      t.setDaemon(true);
      return t;
    });
    String institution = accountInstitution(config);
    MetricaClient client = client(config, backendUrl.orElse(""),
        () -> credentials.apply(institution, Partner.METRICA).map(PartnerCredentials::secret));
    // The queue's GET comes before the pass-through's results/{testInstanceId}, which it would match.
    return new MetricaRoutes(feed, queue, bodies, reads,
        new ResultsQueueRoutes(auth, queue, bodies, reads, producer, config.ackTimeout(), clock),
        new MetricaEventRoutes(auth, ingress, queue::full, registry),
        new MetricaPassThroughRoutes(auth, client, registry));
  }

  /** The client of Metrica's back end, with the partner timeouts (EXAMHUB_PARTNER_CONNECT/READ_TIMEOUT). */
  static MetricaClient client(ExamhubConfig config, String backendUrl, Supplier<Optional<String>> credential) {
    String url = backendUrl.replaceAll("/+$", "");
    return new MetricaClient(() -> url, credential, config.partnerConnectTimeout(), config.partnerReadTimeout(), RETRIES);
  }

  /** The supervised loop that runs the queue's feed, each run built by {@code feeds}; not started. */
  static SupervisedLoop feed(Supplier<ResultsQueueFeed> feeds, MeterRegistry registry, Clock clock) {
    return new SupervisedLoop("metrica-queue-feed", feeds, FIRST_RESTART, LONGEST_RESTART, registry, clock);
  }

  /**
   * Whose Metrica account Examhub calls Metrica's back end with: {@code EXAMHUB_METRICA_INSTITUTION}'s
   * credentials for partner {@code metrica}; the demo institution's when simulators run.
   */
  static String accountInstitution(ExamhubConfig config) {
    return config.metricaInstitution().isEmpty() && config.simulatorsEnabled() ? "demo" : config.metricaInstitution();
  }


  /** For {@code /health/ready}: LOADING until the queue has loaded, DOWN while its feed is not healthy. */
  public ReadinessCheck readiness() {
    return readiness(feed, queue);
  }

  static ReadinessCheck readiness(SupervisedLoop feed, ResultsQueue queue) {
    return () -> !feed.healthy() ? ReadinessCheck.DOWN : queue.loaded() ? ReadinessCheck.UP : ReadinessCheck.LOADING;
  }

  @Override
  public void register(RoutesConfig routes) {
    for (HttpRoutes group : groups) {
      group.register(routes);
    }
  }

  @Override
  public void close() {
    feed.close();
    reads.shutdownNow();
    bodies.close();
  }
}
