package no.examhub.partner.metrica;

import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import no.examhub.Examhub;
import no.examhub.access.BearerAuth;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.http.HttpRoutes;

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
 */
public final class MetricaRoutes implements HttpRoutes, AutoCloseable {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  static final int RETRIES = 2;

  private final HttpRoutes[] groups;
  private final ResultsQueueFeed feed;

  private MetricaRoutes(ResultsQueueFeed feed, HttpRoutes... groups) {
    this.feed = feed;
    this.groups = groups;
  }

  /** Loads the results queue (blocking until it is complete) and wires the routes. */
  public static MetricaRoutes create(Examhub.Parts p, IntSupplier simulatorPort) {
    ExamhubConfig config = p.config();
    BearerAuth auth = new BearerAuth(p.clients(), p.clock());
    ResultsQueue queue = new ResultsQueue(p.clock(), config.metricaLockDuration());
    ResultsQueueFeed feed = new ResultsQueueFeed(p.bootstrapServers(), queue);
    feed.start();
    MetricaClient client = new MetricaClient(backendUrl(config, simulatorPort), CONNECT_TIMEOUT, READ_TIMEOUT, RETRIES);
    // The queue's GET comes before the pass-through's results/{testInstanceId}, which it would match.
    return new MetricaRoutes(feed,
        new ResultsQueueRoutes(auth, queue, p.producer(), config.ackTimeout(), p.clock()),
        new MetricaEventRoutes(auth, p.ingress()),
        new MetricaPassThroughRoutes(auth, client));
  }

  /**
   * {@code EXAMHUB_METRICA_URL}, else the simulator's {@code /metrica} when simulators run (its port
   * is known only once it has started, so this is asked per request), else none: every call 503.
   */
  static Supplier<String> backendUrl(ExamhubConfig config, IntSupplier simulatorPort) {
    String configured = config.metricaUrl().replaceAll("/+$", "");
    if (!configured.isEmpty() || !config.simulatorsEnabled()) {
      return () -> configured;
    }
    String host = "0.0.0.0".equals(config.httpHost()) ? "127.0.0.1" : config.httpHost();
    return () -> "http://" + host + ":" + simulatorPort.getAsInt() + "/metrica";
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
  }
}
