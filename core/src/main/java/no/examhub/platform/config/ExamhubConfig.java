package no.examhub.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import no.examhub.platform.http.ClientAddress;

/**
 * Every setting of Examhub, read from environment variables and validated in one place.
 *
 * <p>With neither {@code KAFKA_BOOTSTRAP_SERVERS} nor {@code MONGODB_URI} set, Examhub runs its
 * embedded default: a Kafka broker in a child JVM, an in-process MongoDB-compatible store and the
 * partner simulators, all on loopback. {@link #SETTINGS} is the documented list (README table).
 */
public record ExamhubConfig(
    String environment,
    String httpHost,
    int httpPort,
    String advertisedUrl,
    Optional<String> kafkaBootstrapServers,
    Optional<String> mongoUri,
    String mongoDatabase,
    Path dataDir,
    int embeddedKafkaPort,
    int embeddedKafkaControllerPort,
    String applicationId,
    int streamThreads,
    int standbyReplicas,
    Duration sessionTimeout,
    Duration commitInterval,
    int topicPartitions,
    short topicReplication,
    Duration ackTimeout,
    Duration dedupRetention,
    Duration configRefresh,
    boolean simulatorsEnabled,
    int simulatorPort,
    int maxBodyBytes,
    int rateLimitPerSecond,
    IngressSettings ingressSettings,
    Duration webhookTolerance,
    String metricaUrl,
    Duration metricaLockDuration,
    int metricaQueueMax,
    int deadLetterIndexMax,
    String metricaInstitution,
    String accessCodeKey,
    int verifyMaxFailures,
    Duration verifyFailureWindow,
    Duration appealPeriod,
    Duration explanationPeriod,
    Duration archiveCheckInterval,
    Duration wiseflowPollInterval,
    String dispatchMaxAttempts,
    Duration dispatchBackoff,
    Duration dispatchMaxBackoff,
    int dispatchWorkers,
    String slackWebhookUrl,
    Duration alertInterval,
    Duration partnerConnectTimeout,
    Duration partnerReadTimeout,
    String insperaUrl,
    String wiseflowUrl,
    String archiveUrl,
    String proviewUrl,
    String proviewAuthUrl,
    String fsUrl,
    Duration fsPollInterval,
    Duration fsReconcileInterval,
    Duration fsInitialLookback,
    Optional<Integer> adminPort,
    Retention retention,
    Roles roles,
    String instanceId,
    Optional<String> streamsUrl,
    Optional<String> streamsPublicUrl) {

  public static final List<Setting> SETTINGS = List.of(
      new Setting("EXAMHUB_ENV", "local", "Environment name written into logs and metrics (`env`)."),
      new Setting("EXAMHUB_HTTP_HOST", "127.0.0.1", "Address the HTTP server binds to (`0.0.0.0` in containers)."),
      new Setting("EXAMHUB_HTTP_PORT", "8080", "Port of the ingress, operator and metrics endpoints (of the ingress and `/health` only, when `EXAMHUB_ADMIN_PORT` is set)."),
      new Setting("EXAMHUB_ADVERTISED_URL", "", "How the other instances reach this one's operator API (`http://examhub-1:8080`): Streams' `application.server`, where operator case queries are forwarded; with `EXAMHUB_ADMIN_PORT` set it must name that port. Default: `http://EXAMHUB_HTTP_HOST:PORT` (`127.0.0.1` for `0.0.0.0`), PORT being `EXAMHUB_ADMIN_PORT` when set, else `EXAMHUB_HTTP_PORT`; none when that port is 0."),
      new Setting("EXAMHUB_ADMIN_PORT", "", "Port of a separate listener (on `EXAMHUB_HTTP_HOST`) for the operator API `/api`, `/console`, `/metrics` and `/health`. Unset: one listener on `EXAMHUB_HTTP_PORT` serves everything. Set: `EXAMHUB_HTTP_PORT` serves only the webhook and partner routes and `/health`, and answers 404 for the rest, so only it needs to be public."),
      new Setting("KAFKA_BOOTSTRAP_SERVERS", "", "Kafka to use. Unset: start the embedded broker."),
      new Setting("MONGODB_URI", "", "MongoDB to use. Unset: start the embedded store under the data directory."),
      new Setting("MONGODB_DATABASE", "examhub", "Database name for configuration, audit log and alert rules."),
      new Setting("EXAMHUB_DATA_DIR", "./data", "Where the embedded broker, store and Streams state keep their data."),
      new Setting("EXAMHUB_EMBEDDED_KAFKA_PORT", "19092", "Client port of the embedded broker."),
      new Setting("EXAMHUB_EMBEDDED_KAFKA_CONTROLLER_PORT", "19093", "KRaft controller port of the embedded broker."),
      new Setting("EXAMHUB_APPLICATION_ID", "examhub", "Kafka Streams application id (prefix of internal topics)."),
      new Setting("EXAMHUB_ROLES", "ingress,streams,dispatch,pollers", "What this instance runs, any of `ingress` (webhook and partner routes), `streams` (Kafka Streams, its stores, case queries, retention jobs), `dispatch` (command workers, Slack alerts) and `pollers` (FS poller and reconciliation; needs `streams`). Every instance serves `/health`, `/metrics` and the operator API; see docs/operations.md, Roles."),
      new Setting("EXAMHUB_STREAMS_URL", "", "On an instance without `streams` only: where a request that reads a Streams store is sent instead of being answered `421 70421` (`http://examhub-streams-1:9080`: that instance's operator API, its `EXAMHUB_ADMIN_PORT` when it has one): the case queries, erasure, the console, roster upload, and `verify_respondent` (to `EXAMHUB_STREAMS_PUBLIC_URL`). Forwarded as it came, the caller's credentials included, and answered `503 70503` with `Retry-After` when that instance does not answer within twice `EXAMHUB_ACK_TIMEOUT`; see docs/operations.md, Roles."),
      new Setting("EXAMHUB_STREAMS_PUBLIC_URL", "", "Where `verify_respondent` (`/webhooks/proctoring/...`) is forwarded with `EXAMHUB_STREAMS_URL` set: the same instance's public listener (`http://examhub-streams-1:8080`) when it has an `EXAMHUB_ADMIN_PORT`. Default: `EXAMHUB_STREAMS_URL` (one listener serves everything)."),
      new Setting("EXAMHUB_INSTANCE_ID", "", "This instance's stable id, Kafka Streams' `group.instance.id` (static membership: a restart within the session timeout moves no partition). Letters, digits, `.`, `_`, `-`. Default: the host name (`HOSTNAME`) and a hash of `EXAMHUB_DATA_DIR`. Two instances must never share one: set it per instance where host names change (containers)."),
      new Setting("EXAMHUB_STREAM_THREADS", "2", "Kafka Streams threads in this instance."),
      new Setting("EXAMHUB_STANDBY_REPLICAS", "0", "Warm copies of each state store on other instances (`num.standby.replicas`; 1 with two or more instances: a failover then takes seconds, not a changelog replay)."),
      new Setting("EXAMHUB_SESSION_TIMEOUT", "PT10S", "How long the broker waits for a silent member of Streams' and dispatch's consumer groups before it moves that member's partitions to the others (`session.timeout.ms`; heartbeats every tenth of it): after a crash (SIGKILL, a lost host) processing of those partitions resumes after about this. PT6S-PT60S, within the broker's `group.min.session.timeout.ms` (6 s by default); shorter fails over sooner, but a member stalled longer (a long GC pause, a network blip) is thrown out and rebalanced; see docs/operations.md, Static membership and failover."),
      new Setting("EXAMHUB_COMMIT_INTERVAL", "PT0.1S", "How often Streams commits its transaction (`commit.interval.ms`): what a `read_committed` reader waits for at most; shorter means lower end-to-end latency and more transactions."),
      new Setting("EXAMHUB_TOPIC_PARTITIONS", "6", "Partitions of every topic Examhub creates."),
      new Setting("EXAMHUB_TOPIC_REPLICATION", "1", "Replication factor of every topic Examhub creates (3 in production)."),
      new Setting("EXAMHUB_ACK_TIMEOUT", "PT5S", "How long ingress waits for the broker's acknowledgement before answering 503."),
      new Setting("EXAMHUB_DEDUP_RETENTION", "P30D", "How long a content hash is remembered for deduplication."),
      new Setting("EXAMHUB_CONFIG_REFRESH", "PT10S", "How often institution configuration and API clients are re-read from MongoDB (a deleted token stops working within one refresh)."),
      new Setting("EXAMHUB_SIMULATORS", "", "Start the partner simulators (`true`/`false`). Default: true when embedded."),
      new Setting("EXAMHUB_SIMULATORS_FORCE", "false", "Allow `EXAMHUB_SIMULATORS=true` while `KAFKA_BOOTSTRAP_SERVERS` or `MONGODB_URI` names an external broker or store (tests, a throwaway stack). Without it Examhub refuses to start, so fake partners and the demo data never land in a real store."),
      new Setting("EXAMHUB_SIMULATOR_PORT", "8090", "Port of the partner simulators."),
      new Setting("EXAMHUB_MAX_BODY_BYTES", "720000", "Largest request body the ingress accepts (413 `70413` above). At most 720000: a body is stored base64-encoded with its headers in one Kafka record, which must stay under the producer's and broker's 1 MiB."),
      new Setting("EXAMHUB_RATE_LIMIT_PER_SECOND", "20000", "Requests per second each institution (or API client) may send to one ingress source, counted after authentication, before it gets 429 `70429`."),
      new Setting("EXAMHUB_CLIENT_RATE_LIMIT_PER_SECOND", "20000", "Requests per second one client address may send to the ingress, counted before authentication (429 `70429` above). Behind a proxy, set `EXAMHUB_TRUSTED_PROXIES`, or every request counts as the proxy's."),
      new Setting("EXAMHUB_RATE_LIMIT_MAX_KEYS", "10000", "Most buckets each rate limit holds (client addresses; sources and institutions); past it, buckets that are full again are forgotten, and new keys share one overflow bucket until there is room."),
      new Setting("EXAMHUB_TRUSTED_PROXIES", "", "Comma-separated addresses or CIDR ranges of reverse proxies whose `X-Forwarded-For` names the client (read from the right, skipping trusted hops). Unset: the header is ignored and the client is the TCP peer."),
      new Setting("EXAMHUB_HTTP_IDLE_TIMEOUT", "PT10S", "A connection on which no byte arrives for this long is closed (slow headers, stalled bodies, idle keep-alive)."),
      new Setting("EXAMHUB_HTTP_BODY_TIMEOUT", "PT10S", "A request body must have arrived in full within this after its headers, else `408 70408`; no server thread waits for it meanwhile."),
      new Setting("EXAMHUB_HTTP_MIN_DATA_RATE", "4096", "Bytes per second a request body must average after its first second, else `408 70408` (0: no minimum)."),
      new Setting("EXAMHUB_INSPERA_TIMESTAMP_MARGIN", "P1D", "A signed Inspera webhook whose own `timestamp` is older than `EXAMHUB_DEDUP_RETENTION` minus this is refused (`400 70418`): deduplication no longer remembers it, so a replay would be taken as new."),
      new Setting("EXAMHUB_WEBHOOK_TOLERANCE", "PT5M", "How far a Standard Webhooks timestamp may be from now."),
      new Setting("EXAMHUB_METRICA_URL", "", "Base URL of the Metrica back end. Default: the simulator's `/metrica` when simulators run."),
      new Setting("EXAMHUB_METRICA_LOCK_DURATION", "PT60S", "How long a peek-locked Metrica event stays invisible to other consumers."),
      new Setting("EXAMHUB_METRICA_QUEUE_MAX", "100000", "Most unacknowledged results events the Metrica results queue holds (ids and offsets only); at the bound Metrica's results events are answered `503 70509` with `Retry-After`, counted in `examhub_metrica_queue_refused_total`."),
      new Setting("EXAMHUB_DEAD_LETTER_INDEX_MAX", "10000", "Most command dead letters of one institution that each instance holds in memory for the operator API and the console (newest kept); past it the oldest are left out, counted in `examhub_dead_letter_index_dropped_total{institution}` and shown as truncated on the list. They stay on the topic until retention."),
      new Setting("EXAMHUB_METRICA_INSTITUTION", "", "The institution whose `metrica` partner credentials (`PUT /api/institutions/{it}/credentials/metrica`) are Examhub's own Metrica account, sent as `Authorization: Bearer` on every pass-through call. Default: `demo` when simulators run. Required when `EXAMHUB_METRICA_URL` is set."),
      new Setting("EXAMHUB_ACCESS_CODE_KEY", "", "Server-held key (at least 32 characters) of the HMAC-SHA256 under which roster access codes are stored and checked. Required when simulators are off; the embedded default generates one in `EXAMHUB_DATA_DIR/access-code.key` and keeps it. Changing it invalidates every stored roster: re-upload them."),
      new Setting("EXAMHUB_VERIFY_MAX_FAILURES", "5", "Refused `verify_respondent` attempts per respondent (typed candidate id) and exam within `EXAMHUB_VERIFY_FAILURE_WINDOW` before further attempts get `429 70429` with `Retry-After`."),
      new Setting("EXAMHUB_VERIFY_FAILURE_WINDOW", "PT15M", "The window over which refused `verify_respondent` attempts are counted; the lock lifts when it has passed since the first of them."),
      new Setting("EXAMHUB_APPEAL_PERIOD", "P21D", "Appeal deadline after grades are published; theses are archived after it."),
      new Setting("EXAMHUB_EXPLANATION_PERIOD", "P7D", "Explanation deadline after grades are published; theses are archived after it."),
      new Setting("EXAMHUB_ARCHIVE_CHECK_INTERVAL", "PT1M", "How often held theses are checked against their deadlines."),
      new Setting("EXAMHUB_WISEFLOW_POLL_INTERVAL", "PT1M", "How often pending WISEflow explanation requests are polled for their answer."),
      new Setting("EXAMHUB_DISPATCH_MAX_ATTEMPTS", "10", "Attempts per command before it is dead-lettered; per partner as `10,inspera=3,fs=12`. With the default backoff, 10 attempts ride out a partner outage of about 4-8 minutes."),
      new Setting("EXAMHUB_DISPATCH_BACKOFF", "PT1S", "First retry delay; doubles per attempt, with jitter."),
      new Setting("EXAMHUB_DISPATCH_MAX_BACKOFF", "PT5M", "Longest retry delay, a partner's longer Retry-After included: one partner cannot hold a retry partition longer."),
      new Setting("EXAMHUB_DISPATCH_WORKERS", "1", "Command workers per partner in this instance (1-64), each a consumer of the partner's command topics carrying out one command at a time: a partner's concurrent calls are its workers across all dispatch instances, up to `EXAMHUB_TOPIC_PARTITIONS`; see docs/operations.md, Production topology."),
      new Setting("EXAMHUB_SLACK_WEBHOOK_URL", "", "Slack incoming-webhook URL for alerts. Unset: the simulator's `/slack` when simulators run, else alerts are only logged and counted."),
      new Setting("EXAMHUB_ALERT_INTERVAL", "PT1M", "At most one Slack message per interval; alerts within it are summarised in one message."),
      new Setting("EXAMHUB_PARTNER_CONNECT_TIMEOUT", "PT5S", "Connect timeout of every partner call."),
      new Setting("EXAMHUB_PARTNER_READ_TIMEOUT", "PT10S", "Read timeout of every partner call."),
      new Setting("EXAMHUB_INSPERA_URL", "", "Base URL of Inspera's API for every institution; may hold `{domain}`, the institution's tenant domain (`https://{domain}/api`). Default: each institution's `https://<partners.inspera.domain>/api`, or the simulator's `/inspera/{domain}/api` when simulators run."),
      new Setting("EXAMHUB_WISEFLOW_URL", "", "Base URL of WISEflow's API for every institution (an override). Default: the simulator's `/wiseflow/v1` when simulators run, else each institution's `partners.wiseflow.server` (production `https://europe-api.wiseflow.net/v1`, staging `https://europe-stage-api.wiseflow.net/v1`, or a URL)."),
      new Setting("EXAMHUB_ARCHIVE_URL", "", "Base URL of the archive service. Default: the simulator's `/archive`."),
      new Setting("EXAMHUB_PROVIEW_URL", "", "Base URL of Proview's API (`/v1/sessions`). Default: the simulator's `/proview`. The account (username, password) is each institution's Proview credentials, the app-id its `partners.proview.appId`."),
      new Setting("EXAMHUB_PROVIEW_AUTH_URL", "", "Base URL of Proview's login (`/v1/user/login`). Default: the API's URL."),
      new Setting("EXAMHUB_FS_URL", "", "One FS (FSWS) base URL for every institution, overriding its `fsEnvironment`'s server (`test` https://fs-test.uio.no, `prod` https://fsws.usit.no); may hold `{fsEnv}`. Default: the simulators' `/fs/{fsEnv}` when they run."),
      new Setting("EXAMHUB_FS_POLL_INTERVAL", "PT2M", "How often FS is polled for appeals and explanation requests changed since the last poll."),
      new Setting("EXAMHUB_FS_RECONCILE_INTERVAL", "PT120M", "How often the exams with open cases are re-read from FS in full."),
      new Setting("EXAMHUB_FS_INITIAL_LOOKBACK", "P30D", "How far back the first FS poll of an institution reaches when it has no watermark yet."),
      new Setting("EXAMHUB_HELD_EVENT_EXPIRY", "P30D", "How long an Inspera case event (appeal decision, explanation published) waits in `held-exam-events-store` for its case before it is dropped and counted (`examhub_cases_held_events_expired_total`)."),
      new Setting("EXAMHUB_CLOSED_CASE_RETENTION", "P180D", "How long a closed case (no open appeal or explanation, thesis archived or none) stays in `case-store` after its last change before it and its Inspera link are tombstoned."),
      new Setting("EXAMHUB_ROSTER_RETENTION", "P90D", "How long a roster entry (name, email, photo URL) is kept after its last upload before it is tombstoned on `examhub.roster`; re-uploading renews it."),
      new Setting("EXAMHUB_RECORD_RETENTION", "P365D", "How long `audit_log`, `command_executions` and `webhook_deliveries` documents are kept before the purge deletes them. At least P31D: a command on a topic (30 days) must still find its execution record."),
      new Setting("EXAMHUB_RETENTION_CHECK_INTERVAL", "PT1H", "How often held events, closed cases, roster entries and the MongoDB records are checked against their retention."));

  public static ExamhubConfig fromEnvironment() {
    return from(System.getenv());
  }

  /** Reads and validates; throws {@link ConfigException} naming every invalid variable. */
  public static ExamhubConfig from(Map<String, String> env) {
    Reader r = new Reader(env);
    Optional<String> kafka = r.optional("KAFKA_BOOTSTRAP_SERVERS");
    Optional<String> mongo = r.optional("MONGODB_URI");
    String simulators = r.string("EXAMHUB_SIMULATORS");
    boolean simulatorsEnabled = simulators.isEmpty()
        ? kafka.isEmpty() && mongo.isEmpty()
        : r.parse("EXAMHUB_SIMULATORS", ExamhubConfig::parseBoolean, false);
    ExamhubConfig config = new ExamhubConfig(
        r.string("EXAMHUB_ENV"),
        r.string("EXAMHUB_HTTP_HOST"),
        r.port("EXAMHUB_HTTP_PORT"),
        r.parse("EXAMHUB_ADVERTISED_URL", ExamhubConfig::parseAdvertisedUrl, ""),
        kafka,
        mongo,
        r.string("MONGODB_DATABASE"),
        Path.of(r.string("EXAMHUB_DATA_DIR")),
        r.port("EXAMHUB_EMBEDDED_KAFKA_PORT"),
        r.port("EXAMHUB_EMBEDDED_KAFKA_CONTROLLER_PORT"),
        r.string("EXAMHUB_APPLICATION_ID"),
        r.positiveInt("EXAMHUB_STREAM_THREADS"),
        r.nonNegativeInt("EXAMHUB_STANDBY_REPLICAS"),
        r.parse("EXAMHUB_SESSION_TIMEOUT", ExamhubConfig::parseSessionTimeout, Duration.ofSeconds(10)),
        r.duration("EXAMHUB_COMMIT_INTERVAL"),
        r.positiveInt("EXAMHUB_TOPIC_PARTITIONS"),
        (short) r.positiveInt("EXAMHUB_TOPIC_REPLICATION"),
        r.duration("EXAMHUB_ACK_TIMEOUT"),
        r.duration("EXAMHUB_DEDUP_RETENTION"),
        r.duration("EXAMHUB_CONFIG_REFRESH"),
        simulatorsEnabled,
        r.port("EXAMHUB_SIMULATOR_PORT"),
        r.parse("EXAMHUB_MAX_BODY_BYTES", ExamhubConfig::parseBodyLimit, MAX_BODY_BYTES),
        r.positiveInt("EXAMHUB_RATE_LIMIT_PER_SECOND"),
        new IngressSettings(
            r.positiveInt("EXAMHUB_CLIENT_RATE_LIMIT_PER_SECOND"),
            r.positiveInt("EXAMHUB_RATE_LIMIT_MAX_KEYS"),
            r.parse("EXAMHUB_TRUSTED_PROXIES", ClientAddress::validate, ""),
            r.duration("EXAMHUB_HTTP_IDLE_TIMEOUT"),
            r.duration("EXAMHUB_HTTP_BODY_TIMEOUT"),
            r.nonNegativeInt("EXAMHUB_HTTP_MIN_DATA_RATE"),
            r.duration("EXAMHUB_INSPERA_TIMESTAMP_MARGIN")),
        r.duration("EXAMHUB_WEBHOOK_TOLERANCE"),
        r.string("EXAMHUB_METRICA_URL"),
        r.duration("EXAMHUB_METRICA_LOCK_DURATION"),
        r.positiveInt("EXAMHUB_METRICA_QUEUE_MAX"),
        r.positiveInt("EXAMHUB_DEAD_LETTER_INDEX_MAX"),
        r.string("EXAMHUB_METRICA_INSTITUTION"),
        r.string("EXAMHUB_ACCESS_CODE_KEY"),
        r.positiveInt("EXAMHUB_VERIFY_MAX_FAILURES"),
        r.duration("EXAMHUB_VERIFY_FAILURE_WINDOW"),
        r.duration("EXAMHUB_APPEAL_PERIOD"),
        r.duration("EXAMHUB_EXPLANATION_PERIOD"),
        r.duration("EXAMHUB_ARCHIVE_CHECK_INTERVAL"),
        r.duration("EXAMHUB_WISEFLOW_POLL_INTERVAL"),
        r.parse("EXAMHUB_DISPATCH_MAX_ATTEMPTS", v -> {
          MaxAttempts.parse(v);
          return v;
        }, "10"),
        r.duration("EXAMHUB_DISPATCH_BACKOFF"),
        r.duration("EXAMHUB_DISPATCH_MAX_BACKOFF"),
        r.parse("EXAMHUB_DISPATCH_WORKERS", ExamhubConfig::parseDispatchWorkers, 1),
        r.string("EXAMHUB_SLACK_WEBHOOK_URL"),
        r.duration("EXAMHUB_ALERT_INTERVAL"),
        r.duration("EXAMHUB_PARTNER_CONNECT_TIMEOUT"),
        r.duration("EXAMHUB_PARTNER_READ_TIMEOUT"),
        r.string("EXAMHUB_INSPERA_URL"),
        r.string("EXAMHUB_WISEFLOW_URL"),
        r.string("EXAMHUB_ARCHIVE_URL"),
        r.string("EXAMHUB_PROVIEW_URL"),
        r.string("EXAMHUB_PROVIEW_AUTH_URL"),
        r.string("EXAMHUB_FS_URL"),
        r.duration("EXAMHUB_FS_POLL_INTERVAL"),
        r.duration("EXAMHUB_FS_RECONCILE_INTERVAL"),
        r.duration("EXAMHUB_FS_INITIAL_LOOKBACK"),
        r.optional("EXAMHUB_ADMIN_PORT").map(v -> r.port("EXAMHUB_ADMIN_PORT")),
        new Retention(r.duration("EXAMHUB_HELD_EVENT_EXPIRY"), r.duration("EXAMHUB_CLOSED_CASE_RETENTION"),
            r.duration("EXAMHUB_ROSTER_RETENTION"), r.parse("EXAMHUB_RECORD_RETENTION", ExamhubConfig::parseRecordRetention,
                MIN_RECORD_RETENTION), r.duration("EXAMHUB_RETENTION_CHECK_INTERVAL")),
        r.parse("EXAMHUB_ROLES", Roles::parse, Roles.all()),
        r.optional("EXAMHUB_INSTANCE_ID").map(id -> r.parse("EXAMHUB_INSTANCE_ID", InstanceId::validate, ""))
            .orElseGet(() -> InstanceId.derive(InstanceId.host(env), Path.of(r.string("EXAMHUB_DATA_DIR")))),
        r.optional("EXAMHUB_STREAMS_URL").map(v -> r.parse("EXAMHUB_STREAMS_URL", ExamhubConfig::parseBaseUrl, "")),
        r.optional("EXAMHUB_STREAMS_PUBLIC_URL").map(v -> r.parse("EXAMHUB_STREAMS_PUBLIC_URL", ExamhubConfig::parseBaseUrl, "")));
    refuseSimulatorsOnExternalStores(r, simulatorsEnabled, kafka, mongo);
    config.checkAdminListener(r);
    r.require(!config.roles().has(Roles.Role.POLLERS) || config.roles().has(Roles.Role.STREAMS), "EXAMHUB_ROLES",
        "pollers needs streams on the same instance (FS reconciliation reads the open cases from its case store)");
    r.require(config.streamsUrl().isEmpty() || !config.roles().has(Roles.Role.STREAMS), "EXAMHUB_STREAMS_URL",
        "only for an instance without streams (one with streams answers store reads itself)");
    r.require(config.streamsPublicUrl().isEmpty() || config.streamsUrl().isPresent(), "EXAMHUB_STREAMS_PUBLIC_URL",
        "needs EXAMHUB_STREAMS_URL (the public listener of the instance it names)");
    r.require(simulatorsEnabled || !config.accessCodeKey().isEmpty(), "EXAMHUB_ACCESS_CODE_KEY",
        "required when simulators are off (the HMAC key of roster access codes)");
    r.require(config.accessCodeKey().isEmpty() || config.accessCodeKey().length() >= 32, "EXAMHUB_ACCESS_CODE_KEY",
        "must be at least 32 characters");
    r.require(config.metricaUrl().isEmpty() || !config.metricaInstitution().isEmpty(), "EXAMHUB_METRICA_INSTITUTION",
        "required when EXAMHUB_METRICA_URL is set (whose Metrica account Examhub calls with)");
    if (config.ingressSettings().insperaTimestampMargin().compareTo(config.dedupRetention()) >= 0) {
      r.invalid("EXAMHUB_INSPERA_TIMESTAMP_MARGIN must be shorter than EXAMHUB_DEDUP_RETENTION");
    }
    r.throwIfInvalid();
    return config;
  }

  /**
   * The simulators seed demo institutions, tokens and partner endpoints, and fake partners answer
   * every call: against a real broker or store that would mix fake data into production.
   */
  private static void refuseSimulatorsOnExternalStores(Reader r, boolean simulators, Optional<String> kafka,
      Optional<String> mongo) {
    if (!simulators || (kafka.isEmpty() && mongo.isEmpty())) {
      return;
    }
    if (!r.parse("EXAMHUB_SIMULATORS_FORCE", ExamhubConfig::parseBoolean, false)) {
      r.invalid("EXAMHUB_SIMULATORS=true: the partner simulators and their demo data would write into the external "
          + (kafka.isPresent() ? "broker (KAFKA_BOOTSTRAP_SERVERS)" : "")
          + (kafka.isPresent() && mongo.isPresent() ? " and " : "")
          + (mongo.isPresent() ? "store (MONGODB_URI)" : "")
          + "; set EXAMHUB_SIMULATORS=false, or EXAMHUB_SIMULATORS_FORCE=true if that store is a throwaway one");
    }
  }

  /** Case queries are forwarded to the advertised URL, and {@code /api} is only on the admin port. */
  private void checkAdminListener(Reader r) {
    if (adminPort.isEmpty()) {
      return;
    }
    if (adminPort.get() != 0 && adminPort.get() == httpPort) {
      r.invalid("EXAMHUB_ADMIN_PORT=" + adminPort.get() + ": must differ from EXAMHUB_HTTP_PORT");
    }
    if (!advertisedUrl.isEmpty() && java.net.URI.create(advertisedUrl).getPort() != adminPort.get()
        && adminPort.get() != 0) {
      r.invalid("EXAMHUB_ADVERTISED_URL=" + advertisedUrl + ": must name EXAMHUB_ADMIN_PORT (" + adminPort.get()
          + "), where the operator API is served");
    }
  }

  /** Some settings are secrets (the access-code key, MongoDB's URI): none is printed. */
  @Override
  public String toString() {
    return "ExamhubConfig[env=" + environment + ", values hidden]";
  }

  /** The defaults, as documented; what tests start from. */
  public static ExamhubConfig defaults() {
    return from(Map.of());
  }

  /** Attempts per partner: the default, and overrides such as {@code inspera=3}. */
  public int maxAttempts(String partner) {
    return MaxAttempts.parse(dispatchMaxAttempts).forPartner(partner);
  }

  /**
   * Where the other instances reach this one ({@code http://host:port}): the configured URL, or
   * the bind address and port; empty when the port is chosen at bind time (tests), so a lone
   * instance answers every case query from its own store.
   */
  public Optional<String> advertisedEndpoint() {
    if (!advertisedUrl.isEmpty()) {
      return Optional.of(advertisedUrl);
    }
    int port = adminPort.orElse(httpPort);
    return port == 0 ? Optional.empty() : Optional.of("http://" + localHost() + ":" + port);
  }

  /**
   * The address this instance's own listeners are reached at from this machine: the bind address,
   * or {@code 127.0.0.1} when it binds every address ({@code 0.0.0.0}). The one place of that rule.
   */
  public String localHost() {
    return "0.0.0.0".equals(httpHost) ? "127.0.0.1" : httpHost;
  }

  private static String parseAdvertisedUrl(String value) {
    if (value.isEmpty()) {
      return value;
    }
    java.net.URI uri = java.net.URI.create(value.replaceAll("/+$", ""));
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1
        || !(uri.getPath() == null || uri.getPath().isEmpty())) {
      throw new IllegalArgumentException("expected http://host:port");
    }
    return uri.toString();
  }

  /** {@code http(s)://host:port}, nothing after it: a request's path and query are appended as they came. */
  private static String parseBaseUrl(String value) {
    java.net.URI uri = java.net.URI.create(value.replaceAll("/+$", ""));
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || !(uri.getPath() == null || uri.getPath().isEmpty()) || uri.getQuery() != null || uri.getUserInfo() != null) {
      throw new IllegalArgumentException("expected http://host:port (or https), with no path");
    }
    return uri.toString();
  }

  /** Where {@code verify_respondent} is forwarded: the streams instance's public listener, or its only one. */
  public Optional<String> streamsPublicEndpoint() {
    return streamsPublicUrl.isPresent() ? streamsPublicUrl : streamsUrl;
  }

  public boolean embeddedKafka() {
    return kafkaBootstrapServers.isEmpty();
  }

  public boolean embeddedMongo() {
    return mongoUri.isEmpty();
  }

  private static boolean parseBoolean(String value) {
    return switch (value.toLowerCase()) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("expected true or false");
    };
  }

  /** Collects problems instead of failing on the first, so an operator fixes them in one go. */
  /** Base64 makes 720,000 bytes 960,000; with headers and fields the record stays under 1 MiB. */
  static final int MAX_BODY_BYTES = 720_000;

  private static int parseBodyLimit(String value) {
    int n = Integer.parseInt(value);
    if (n < 1 || n > MAX_BODY_BYTES) {
      throw new IllegalArgumentException("must be 1-" + MAX_BODY_BYTES
          + ": a larger body would not fit in one Kafka record (1 MiB) once base64-encoded");
    }
    return n;
  }

  /**
   * The broker refuses a session timeout below its {@code group.min.session.timeout.ms} (6 s by
   * default) at every join; above a minute a crash stalls processing longer than any failover target.
   */
  static final int MAX_DISPATCH_WORKERS = 64;

  /** More workers than that would only wait for partitions, or for the partner: 64 calls in flight per instance. */
  static int parseDispatchWorkers(String value) {
    int n = Integer.parseInt(value.trim());
    if (n < 1 || n > MAX_DISPATCH_WORKERS) {
      throw new IllegalArgumentException("must be 1-" + MAX_DISPATCH_WORKERS);
    }
    return n;
  }

  static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(6);
  static final Duration MAX_SESSION_TIMEOUT = Duration.ofSeconds(60);

  private static Duration parseSessionTimeout(String value) {
    Duration d = Duration.parse(value);
    if (d.compareTo(MIN_SESSION_TIMEOUT) < 0 || d.compareTo(MAX_SESSION_TIMEOUT) > 0) {
      throw new IllegalArgumentException("must be PT6S-PT60S: the broker refuses less than its "
          + "group.min.session.timeout.ms (6 s by default), and more delays every failover");
    }
    return d;
  }

  /** Commands stay on their topics 30 days; their execution records must outlive them. */
  static final Duration MIN_RECORD_RETENTION = Duration.ofDays(31);

  private static Duration parseRecordRetention(String value) {
    Duration d = Duration.parse(value);
    if (d.compareTo(MIN_RECORD_RETENTION) < 0) {
      throw new IllegalArgumentException("must be at least P31D: a command kept 30 days on its topic must still "
          + "find its execution record");
    }
    return d;
  }

  private static final class Reader {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    Reader(Map<String, String> env) {
      this.env = env;
    }

    String string(String name) {
      String value = env.get(name);
      if (value == null || value.isBlank()) {
        return defaultOf(name);
      }
      return value.trim();
    }

    Optional<String> optional(String name) {
      return Optional.of(string(name)).filter(v -> !v.isEmpty());
    }

    <T> T parse(String name, Function<String, T> parser, T fallback) {
      String value = string(name);
      try {
        return parser.apply(value);
      } catch (RuntimeException e) {
        problems.add(name + "=" + value + ": " + e.getMessage());
        return fallback;
      }
    }

    int positiveInt(String name) {
      return parse(name, v -> {
        int n = Integer.parseInt(v);
        if (n < 1) {
          throw new IllegalArgumentException("must be at least 1");
        }
        return n;
      }, 1);
    }

    int nonNegativeInt(String name) {
      return parse(name, v -> {
        int n = Integer.parseInt(v);
        if (n < 0) {
          throw new IllegalArgumentException("must be 0 or more");
        }
        return n;
      }, 0);
    }

    int port(String name) {
      return parse(name, v -> {
        int n = Integer.parseInt(v);
        if (n < 0 || n > 65535) {
          throw new IllegalArgumentException("not a port (0-65535)");
        }
        return n;
      }, 0);
    }

    Duration duration(String name) {
      return parse(name, v -> {
        Duration d = Duration.parse(v);
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("must be positive (ISO-8601, e.g. PT5S)");
        }
        return d;
      }, Duration.ofSeconds(1));
    }

    void invalid(String problem) {
      problems.add(problem);
    }

    /** A rule across settings; the value is never echoed, since it may be a secret. */
    void require(boolean holds, String name, String problem) {
      if (!holds) {
        problems.add(name + ": " + problem);
      }
    }

    void throwIfInvalid() {
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
    }

    private static String defaultOf(String name) {
      return SETTINGS.stream().filter(s -> s.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalStateException("undocumented setting " + name))
          .defaultValue();
    }
  }
}
