package no.examhub;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import no.examhub.access.ApiClientDirectory;
import no.examhub.access.ApiClientRepository;
import no.examhub.dispatch.Dispatch;
import no.examhub.dispatch.RetryPolicy;
import no.examhub.event.Topics;
import no.examhub.flow.cases.CaseMetrics;
import no.examhub.flow.cases.CaseQueries;
import no.examhub.ingress.RawIngress;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.ops.alerts.Alerts;
import no.examhub.ops.privacy.PrivacyJobs;
import no.examhub.partner.fs.FsAccounts;
import no.examhub.partner.fs.FsPoller;
import no.examhub.partner.fs.FsPolling;
import no.examhub.partner.fs.OpenExam;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.config.Roles;
import no.examhub.platform.config.Roles.Role;
import no.examhub.platform.http.HealthRoutes;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.http.HttpServer;
import no.examhub.platform.http.Listener;
import no.examhub.platform.kafka.BrokerProbe;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.kafka.KafkaSettings;
import no.examhub.platform.kafka.TopicCreator;
import no.examhub.platform.metrics.MetricsRegistry;
import no.examhub.platform.streams.StreamsApp;
import no.examhub.platform.streams.StreamsSettings;
import no.examhub.platform.process.InstanceLock;
import no.examhub.platform.process.Started;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: starts every part of this instance's roles ({@code EXAMHUB_ROLES}) in
 * dependency order (store, topics, Streams, HTTP, pollers, dispatch) and closes them in reverse,
 * HTTP first; the embedded default's broker, store and
 * simulators come from its {@link Surroundings}.
 */
public final class Examhub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Examhub.class);

  private final Started started = new Started();
  private String bootstrapServers;
  private Javalin http;
  private Javalin adminHttp;
  private StreamsApp streams;
  private volatile Dispatch dispatch;
  private volatile Alerts alerts;
  private volatile FsPoller fsPoller;

  private Examhub() {}

  /** A production Examhub: its configuration names the broker and the store; no partner is simulated. */
  public static Examhub start(ExamhubConfig config) {
    return start(config, Surroundings.NONE);
  }

  /**
   * An Examhub with what runs around it ({@link Surroundings}): the broker, store and partner
   * simulators its configuration leaves to them; closed after Examhub.
   */
  public static Examhub start(ExamhubConfig config, Surroundings surroundings) {
    Examhub hub = new Examhub();
    hub.started.remember(surroundings);
    try {
      hub.startAll(config, surroundings);
      return hub;
    } catch (RuntimeException e) {
      hub.close();
      throw e;
    }
  }

  private void startAll(ExamhubConfig config, Surroundings surroundings) {
    PrometheusMeterRegistry registry = MetricsRegistry.create(config.environment());
    started.remember(() -> MetricsRegistry.release(registry));

    bootstrapServers = config.kafkaBootstrapServers().orElseGet(() -> surroundings.broker(config));
    MongoDatabase database = remember(MongoClients.create(config.mongoUri().orElseGet(() -> surroundings.store(config))))
        .getDatabase(config.mongoDatabase());

    Admin admin = remember(Admin.create(KafkaSettings.admin(bootstrapServers)));
    new TopicCreator(admin, config.topicPartitions(), config.topicReplication()).ensure(Topics.all());

    // Before any part is wired: the partner endpoints of every institution point there.
    Optional<String> simulated = config.simulatorsEnabled() ? surroundings.partners(config, database) : Optional.empty();
    Roles roles = config.roles();
    if (roles.has(Role.STREAMS)) {
      // Before Streams touches the state directory: a second instance on it is refused here.
      remember(InstanceLock.acquire(config.dataDir(), config.instanceId()));
      streams = remember(new StreamsApp(ExamhubTopology.build(config), StreamsSettings.of(config, bootstrapServers),
          registry));
      streams.start();
    }

    DurableProducer producer = remember(new DurableProducer(bootstrapServers, "examhub-ingress",
        config.ackTimeout().toMillis(), registry));
    Parts parts = new Parts(config, registry, bootstrapServers, database,
        remember(new InstitutionDirectory(new InstitutionRepository(database), config.configRefresh())),
        remember(new ApiClientDirectory(new ApiClientRepository(database), config.configRefresh())),
        new RawIngress(producer, config.ackTimeout(), registry, Clock.systemUTC()),
        producer, Optional.ofNullable(streams), remember(new PartnerCredentialsRepository(database, config.configRefresh())),
        new PartnerEndpoints(endpointOverrides(config, simulated)), Clock.systemUTC());

    Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();
    readiness.put("kafka", new BrokerProbe(admin)::reachable);
    // Only what this instance's roles run: an ingress instance is ready without any Streams.
    if (streams != null) {
      readiness.put("streams", streams::isRunning);
      readiness.put("stream-threads", streams::threadsStable);
    }
    // Started after HTTP: not ready until every partner's worker runs, and not while one keeps dying.
    if (roles.has(Role.DISPATCH)) {
      readiness.put("dispatch", () -> dispatch != null && dispatch.healthy());
      readiness.put("alerts", () -> alerts != null && alerts.healthy());
    }
    if (roles.has(Role.POLLERS)) {
      readiness.put("fs-poller", () -> fsPoller != null && fsPoller.healthy());
    }
    List<HttpRoutes> routes = new ArrayList<>();
    routes.add(new HealthRoutes(readiness, registry));
    routes.addAll(Inbound.routes(parts, this::remember, readiness));
    var ingress = config.ingressSettings();
    // An ingress request is answered within the acknowledgement timeout: a stop lets it be.
    var limits = new HttpServer.ConnectionLimits(ingress.idleTimeout(), ingress.bodyTimeout(), ingress.minDataRate(),
        config.ackTimeout().plusSeconds(1));
    http = HttpServer.create(config.maxBodyBytes(), limits, registry, routes, config.environment(),
        config.adminPort().isPresent() ? Listener.PUBLIC : Listener.ALL);
    http.start(config.httpHost(), config.httpPort());
    if (config.adminPort().isPresent()) {
      // The same route groups; each listener answers only its own paths.
      adminHttp = HttpServer.create(config.maxBodyBytes(), limits, registry, routes, config.environment(), Listener.ADMIN);
      adminHttp.start(config.httpHost(), config.adminPort().get());
    }

    surroundings.serving(config, "http://" + config.localHost() + ":" + http.port(), producer);
    if (streams != null) {
      startStateful(config, parts, producer, database, registry, roles.has(Role.POLLERS));
    }
    if (roles.has(Role.DISPATCH)) {
      startDispatch(config, surroundings, parts, producer, database, registry);
    }
  }

  /** The parts that read this instance's Streams stores: case metrics, retention, and the FS poller. */
  private void startStateful(ExamhubConfig config, Parts parts, DurableProducer producer, MongoDatabase database,
      PrometheusMeterRegistry registry, boolean pollers) {
    CaseQueries cases = new CaseQueries(streams.unwrap());
    remember(CaseMetrics.start(cases, registry, java.time.Duration.ofSeconds(30), Clock.systemUTC()));
    if (pollers) {
      fsPoller = remember(FsPolling.start(config, new FsAccounts(parts.endpoints(), parts.credentials()),
          parts.institutions(), producer, database, () -> cases.openCases().stream()
              .map(c -> new OpenExam(c.institution(), c.vurdId())).collect(Collectors.toSet()), registry, parts.clock()));
    }
    remember(PrivacyJobs.start(config.retention(), database, streams.unwrap(), producer, registry, parts.clock()));
  }

  /** The command workers and the alerts they report dead letters to. */
  private void startDispatch(ExamhubConfig config, Surroundings surroundings, Parts parts, DurableProducer producer,
      MongoDatabase database, PrometheusMeterRegistry registry) {
    alerts = remember(Alerts.start(slackUrl(config, surroundings), config.alertInterval(), config.applicationId(), bootstrapServers,
        database, parts.institutions(), registry, parts.clock()));
    dispatch = remember(new Dispatch(Outbound.handlers(parts, this::remember), bootstrapServers, config.applicationId(), producer, database,
        config.environment(), p -> new RetryPolicy(config.maxAttempts(p.id()), config.dispatchBackoff(),
            config.dispatchMaxBackoff()), alerts, registry, Clock.systemUTC(),
        config.partnerConnectTimeout().plus(config.partnerReadTimeout()), config.sessionTimeout(),
        config.dispatchWorkers())).start();
  }

  /**
   * The shared parts the composition root hands between its own classes (Inbound, Outbound); no
   * feature sees it: each is given only what it uses.
   *
   * @param clock the clock for received-at times and token expiry, replaceable in tests
   */
  record Parts(
      ExamhubConfig config,
      PrometheusMeterRegistry registry,
      String bootstrapServers,
      MongoDatabase database,
      InstitutionDirectory institutions,
      ApiClientDirectory clients,
      RawIngress ingress,
      DurableProducer producer,
      Optional<StreamsApp> streams,
      PartnerCredentialsRepository credentials,
      PartnerEndpoints endpoints,
      Clock clock) {}

  /**
   * Where every partner is reached, decided once: the operator's EXAMHUB_*_URL overrides, and the
   * simulators when they run (started before anything is wired, so their address is known).
   */
  private static PartnerEndpoints.Overrides endpointOverrides(ExamhubConfig config, Optional<String> simulated) {
    return new PartnerEndpoints.Overrides(config.insperaUrl(), config.wiseflowUrl(), config.fsUrl(), config.archiveUrl(),
        config.proviewUrl(), config.proviewAuthUrl(), config.metricaUrl(), simulated);
  }

  /** {@code EXAMHUB_SLACK_WEBHOOK_URL}, else the surroundings' (the Slack simulator), else none. */
  private static String slackUrl(ExamhubConfig config, Surroundings surroundings) {
    return !config.slackWebhookUrl().isBlank() ? config.slackWebhookUrl() : surroundings.slack().orElse("");
  }

  private <T extends AutoCloseable> T remember(T closeable) {
    return started.remember(closeable);
  }

  public int httpPort() {
    return http.port();
  }

  /** The admin listener's port when {@code EXAMHUB_ADMIN_PORT} is set. */
  public Optional<Integer> adminPort() {
    return Optional.ofNullable(adminHttp).map(Javalin::port);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** False on an instance without the {@code streams} role. */
  public boolean streamsRunning() {
    return streams != null && streams.isRunning();
  }

  /** This instance's Streams application; null without the {@code streams} role. */
  public StreamsApp streams() {
    return streams;
  }

  /**
   * Serving stops first (see {@link HttpServer}): no new connection is taken, and the requests
   * under way are answered while the producer, stores and Streams they need are all still open;
   * only then the rest stops, in reverse order of its start.
   */
  @Override
  public void close() {
    stopServing(http);
    stopServing(adminHttp);
    started.close();
  }

  private static void stopServing(Javalin server) {
    if (server != null) {
      try {
        server.stop();
      } catch (RuntimeException e) {
        LOG.warn("error while stopping the HTTP server: {}", e.toString());
      }
    }
  }
}
