package no.examhub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.config.Roles;
import no.examhub.platform.config.Roles.Role;
import no.examhub.platform.config.Setting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment files (Dockerfile, docker-compose.yml, Prometheus and Grafana configuration)
 * agree with each other and with the settings Examhub documents. No Docker engine is needed:
 * the files are parsed, nothing is started. Maven runs tests from the repository root.
 */
class ComposeFilesTest {
  private static final Path COMPOSE = Path.of("docker-compose.yml");
  private static final Path DOCKERFILE = Path.of("Dockerfile");
  private static final Path DOCKERIGNORE = Path.of(".dockerignore");
  private static final Path PROMETHEUS = Path.of("prometheus", "prometheus.yml");
  private static final Path DATASOURCES = Path.of("grafana", "provisioning", "datasources");
  private static final Path DASHBOARD_PROVIDERS = Path.of("grafana", "provisioning", "dashboards");
  private static final Path DASHBOARDS = Path.of("grafana", "dashboards");

  /**
   * The production split (docs/operations.md, "Production topology"): two thin ingress instances,
   * two streams instances, one dispatch instance, all of one Streams application.
   */
  private static final Set<String> SPLIT = Set.of("examhub-ingress-1", "examhub-ingress-2", "examhub-streams-1",
      "examhub-streams-2", "examhub-dispatch-1");
  /** A value compose interpolates ({@code ${VAR:?message}}) stands in for this when a setting is parsed. */
  private static final String INTERPOLATED = "x".repeat(40);

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode compose;
  /** The Examhub services (built from this repository's Dockerfile) and the Kafka brokers, as compose names them. */
  private static List<String> EXAMHUB;
  private static List<String> BROKERS;

  @BeforeAll
  static void readCompose() {
    compose = yaml(COMPOSE);
    EXAMHUB = new ArrayList<>();
    BROKERS = new ArrayList<>();
    compose.path("services").properties().forEach(e -> {
      if (e.getValue().has("build") || e.getValue().path("image").asText().startsWith("examhub")) {
        EXAMHUB.add(e.getKey());
      } else if (e.getValue().path("image").asText().startsWith("apache/kafka:")) {
        BROKERS.add(e.getKey());
      }
    });
  }

  // ---- docker-compose.yml ----------------------------------------------------------------

  @Test
  void composeDefinesKafkaMongodbExamhubPrometheusAndGrafana() {
    assertThat(names(compose.path("services"))).contains("mongodb", "prometheus", "grafana");
    assertThat(BROKERS).as("Kafka brokers (apache/kafka)").isNotEmpty();
    assertThat(EXAMHUB).as("Examhub instances (built from the Dockerfile)").containsExactlyInAnyOrderElementsOf(SPLIT);
  }

  // ---- the production topology's promises --------------------------------------------------

  @Test
  void threeBrokersFormOneKraftQuorumThatNamesAllThree() {
    assertThat(BROKERS).as("brokers").hasSize(3);
    Set<String> clusterIds = new TreeSet<>();
    Set<String> voterLists = new TreeSet<>();
    Set<String> nodeIds = new TreeSet<>();
    Map<String, String> voterOf = new LinkedHashMap<>();
    for (String broker : BROKERS) {
      Map<String, String> env = environment(service(broker));
      assertThat(split(env.get("KAFKA_PROCESS_ROLES"))).as("KAFKA_PROCESS_ROLES of %s", broker)
          .containsExactlyInAnyOrder("broker", "controller");
      clusterIds.add(env.getOrDefault("CLUSTER_ID", ""));
      voterLists.add(env.getOrDefault("KAFKA_CONTROLLER_QUORUM_VOTERS", ""));
      String nodeId = env.getOrDefault("KAFKA_NODE_ID", "");
      assertThat(nodeIds.add(nodeId)).as("KAFKA_NODE_ID %s of %s is unique", nodeId, broker).isTrue();
      voterOf.put(broker, nodeId + "@" + broker + ":" + listenerPort(env, env.get("KAFKA_CONTROLLER_LISTENER_NAMES")));
    }

    assertThat(clusterIds).as("CLUSTER_ID: one cluster, formatted alike on every node").hasSize(1)
        .allSatisfy(id -> assertThat(id).isNotBlank());
    assertThat(voterLists).as("KAFKA_CONTROLLER_QUORUM_VOTERS: the same on every node").hasSize(1);
    List<String> voters = split(voterLists.iterator().next());
    assertThat(voters).as("the quorum's voters").hasSize(BROKERS.size());
    voterOf.forEach((broker, voter) -> {
      String id = voter.substring(0, voter.indexOf('@'));
      assertThat(voters).as("the voter of %s (its node id, a name it is reached by, its controller port)", broker)
          .anySatisfy(v -> {
            assertThat(v.substring(0, v.indexOf('@'))).isEqualTo(id);
            assertThat(reachableNames(broker)).contains(host(v.substring(v.indexOf('@') + 1)));
            assertThat(port(v)).isEqualTo(port(voter));
          });
    });
  }

  @Test
  void everyTopicHasReplicationThreeAndMinInSyncReplicasTwo() {
    for (String broker : BROKERS) {
      Map<String, String> env = environment(service(broker));
      // Examhub's topics take the broker-wide minimum; Streams sets 2 on its own internal topics at replication 3.
      assertThat(env).as("replication settings of %s", broker)
          .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
          .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
          .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "2");
      assertThat(env.getOrDefault("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false"))
          .as("unclean leader election on %s", broker).isEqualToIgnoringCase("false");
    }
    Set<String> partitions = new TreeSet<>();
    for (String instance : EXAMHUB) {
      Map<String, String> env = environment(service(instance));
      assertThat(setting(env, "EXAMHUB_TOPIC_REPLICATION")).as("EXAMHUB_TOPIC_REPLICATION of %s", instance)
          .isEqualTo("3");
      partitions.add(setting(env, "EXAMHUB_TOPIC_PARTITIONS"));
    }
    assertThat(partitions).as("EXAMHUB_TOPIC_PARTITIONS: whichever instance creates the topics").hasSize(1);
  }

  @Test
  void eachInstancesRolesAreValidAndTogetherRunAllFourWithTwoOfIngressAndOfStreams() {
    Set<Role> all = EnumSet.noneOf(Role.class);
    int ingressOnly = 0;
    int streams = 0;
    for (String instance : EXAMHUB) {
      Roles roles = config(instance).roles();
      all.addAll(roles.set());
      ingressOnly += roles.set().equals(Set.of(Role.INGRESS)) ? 1 : 0;
      streams += roles.has(Role.STREAMS) ? 1 : 0;
    }

    assertThat(all).as("the roles of all instances together").isEqualTo(EnumSet.allOf(Role.class));
    // Two of each: one may be lost or restarted while the other carries on.
    assertThat(ingressOnly).as("ingress-only instances").isEqualTo(2);
    assertThat(streams).as("streams instances").isEqualTo(2);
  }

  @Test
  void everyInstanceHasThirtySecondsForACleanLeaveBeforeDockerKillsIt() {
    // Docker sends SIGKILL 10 s after SIGTERM by default; a clean leave under load took up to 8 s
    // in the rolling-restart test, and a killed static member holds its partitions for a session.
    for (String instance : EXAMHUB) {
      String grace = service(instance).path("stop_grace_period").asText();
      assertThat(grace).as("stop_grace_period of %s", instance).matches("\\d+s");
      assertThat(Integer.parseInt(grace.substring(0, grace.length() - 1))).as("stop_grace_period of %s", instance)
          .isGreaterThanOrEqualTo(30);
    }
  }

  @Test
  void everyInstanceHasItsOwnInstanceIdAndAdvertisedUrl() {
    Map<String, String> owner = new LinkedHashMap<>();
    for (String instance : EXAMHUB) {
      // Set explicitly: a container's host name (the default's source) changes when it is re-created.
      assertThat(environment(service(instance)).get("EXAMHUB_INSTANCE_ID")).as("EXAMHUB_INSTANCE_ID of %s", instance)
          .isNotBlank();
      String id = config(instance).instanceId();
      assertThat(owner.putIfAbsent(id, instance)).as("instance id %s of %s is also %s's", id, instance, owner.get(id))
          .isNull();
    }
  }

  @Test
  void stateVolumesOnlyWhereStreamsRunsEachItsOwnWithAStandbyElsewhere() {
    Map<String, String> user = new LinkedHashMap<>();
    for (String instance : EXAMHUB) {
      boolean streams = config(instance).roles().has(Role.STREAMS);
      Map<String, String> env = environment(service(instance));
      String stateVolume = mounts(service(instance)).get(setting(env, "EXAMHUB_DATA_DIR"));
      if (streams) {
        assertThat(stateVolume).as("state volume of %s at EXAMHUB_DATA_DIR", instance).isNotNull();
        assertThat(names(compose.path("volumes"))).as("named volumes").contains(stateVolume);
        assertThat(setting(env, "EXAMHUB_STANDBY_REPLICAS")).as("EXAMHUB_STANDBY_REPLICAS of %s", instance)
            .isEqualTo("1");
      } else {
        assertThat(stateVolume).as("%s runs no Streams: no state volume", instance).isNull();
      }
      for (String source : mounts(service(instance)).values()) {
        assertThat(user.putIfAbsent(source, instance)).as("volume %s of %s is also mounted by %s", source, instance,
            user.get(source)).isNull();
      }
    }
  }

  @Test
  void everyBrokerAbortsADeadMembersTimedOutTransactionWithinASecond() {
    for (String broker : BROKERS) {
      // The default sweep (10 s) comes on top of transaction.timeout.ms in every failover.
      assertThat(environment(service(broker)))
          .as("KAFKA_TRANSACTION_ABORT_TIMED_OUT_TRANSACTION_CLEANUP_INTERVAL_MS of %s", broker)
          .containsEntry("KAFKA_TRANSACTION_ABORT_TIMED_OUT_TRANSACTION_CLEANUP_INTERVAL_MS", "1000");
    }
  }

  @Test
  void examhubEnvironmentUsesOnlyDocumentedSettings() {
    EXAMHUB.forEach(ComposeFilesTest::usesOnlyDocumentedSettings);
  }

  private static void usesOnlyDocumentedSettings(String instance) {
    Set<String> documented = ExamhubConfig.SETTINGS.stream().map(Setting::name)
        .collect(Collectors.toSet());
    Set<String> examhubStyle = environment(service(instance)).keySet().stream()
        .filter(k -> k.startsWith("EXAMHUB_") || k.startsWith("KAFKA_") || k.startsWith("MONGODB_"))
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(examhubStyle).as("Examhub settings in compose").isNotEmpty();
    assertThat(examhubStyle).as("settings not in ExamhubConfig.SETTINGS")
        .allSatisfy(name -> assertThat(documented).contains(name));
  }

  @Test
  void allInstancesShareOneApplicationIdButAdvertiseDistinctUrls() {
    Set<String> applicationIds = new TreeSet<>();
    Set<String> advertised = new TreeSet<>();
    for (String instance : EXAMHUB) {
      Map<String, String> env = environment(service(instance));
      applicationIds.add(setting(env, "EXAMHUB_APPLICATION_ID"));
      String url = env.get("EXAMHUB_ADVERTISED_URL");
      // Case queries are forwarded there, and the operator API is on the admin port when it is set.
      assertThat(url).as("EXAMHUB_ADVERTISED_URL of %s", instance)
          .isEqualTo("http://" + instance + ":" + operatorPort(env));
      assertThat(reachableNames(instance)).contains(instance);
      advertised.add(url);
    }

    assertThat(applicationIds).as("application ids").hasSize(1);
    assertThat(advertised).as("advertised URLs").hasSize(EXAMHUB.size());
  }

  @Test
  void examhubRunsAgainstTheComposeKafkaAndMongodbNotTheEmbeddedOnes() {
    EXAMHUB.forEach(ComposeFilesTest::runsAgainstComposeKafkaAndMongodb);
  }

  private static void runsAgainstComposeKafkaAndMongodb(String instance) {
    Map<String, String> env = environment(service(instance));

    assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as("KAFKA_BOOTSTRAP_SERVERS").isNotBlank();
    assertThat(env.get("MONGODB_URI")).as("MONGODB_URI").isNotBlank();
    assertThat(env.get("EXAMHUB_SIMULATORS")).as("EXAMHUB_SIMULATORS").isEqualToIgnoringCase("false");
  }

  @Test
  void examhubBootstrapServersAreEveryBrokersAdvertisedListener() {
    EXAMHUB.forEach(ComposeFilesTest::bootstrapsFromEveryBrokersAdvertisedListener);
  }

  /** Every broker, so that an instance (re)starting while one broker is down still finds the cluster. */
  private static void bootstrapsFromEveryBrokersAdvertisedListener(String instance) {
    List<String> bootstrap = split(environment(service(instance)).get("KAFKA_BOOTSTRAP_SERVERS"));
    assertThat(bootstrap).as("KAFKA_BOOTSTRAP_SERVERS of %s", instance).hasSize(BROKERS.size());

    for (String broker : BROKERS) {
      Map<String, String> kafkaEnv = environment(service(broker));
      Set<String> advertised = new TreeSet<>();
      for (String listener : split(kafkaEnv.getOrDefault("KAFKA_ADVERTISED_LISTENERS", ""))) {
        advertised.add(listener.substring(listener.indexOf("://") + 3));
      }
      Set<Integer> listenerPorts = new TreeSet<>();
      for (String listener : split(kafkaEnv.getOrDefault("KAFKA_LISTENERS", ""))) {
        listenerPorts.add(port(listener.substring(listener.indexOf("://") + 3)));
      }
      assertThat(bootstrap).as("KAFKA_BOOTSTRAP_SERVERS of %s names %s", instance, broker).anySatisfy(server -> {
        assertThat(advertised).as("%s's advertised listeners", broker).contains(server);
        assertThat(reachableNames(broker)).as("names of %s", broker).contains(host(server));
        assertThat(listenerPorts).as("ports in %s's KAFKA_LISTENERS", broker).contains(port(server));
      });
    }
  }

  @Test
  void mongodbUriPointsAtTheMongodbService() {
    EXAMHUB.forEach(ComposeFilesTest::mongodbUriPointsAtMongodb);
  }

  private static void mongodbUriPointsAtMongodb(String instance) {
    String uri = environment(service(instance)).get("MONGODB_URI");
    assertThat(uri).as("MONGODB_URI").startsWith("mongodb://");

    String authority = uri.substring("mongodb://".length()).split("[/?]", 2)[0];
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    int mongodPort = commandOption(service("mongodb"), "--port").map(Integer::parseInt).orElse(27017);

    assertThat(split(authority)).as("hosts of MONGODB_URI").isNotEmpty().allSatisfy(hostPort -> {
      assertThat(reachableNames("mongodb")).as("names of the mongodb service").contains(host(hostPort));
      int port = hostPort.contains(":") ? port(hostPort) : 27017;
      assertThat(port).as("port of mongod in the mongodb service").isEqualTo(mongodPort);
    });
  }

  @Test
  void examhubListensOnTheContainerPortComposePublishesAndChecksReadinessThere() {
    EXAMHUB.forEach(ComposeFilesTest::listensOnPublishedPortAndChecksReadiness);
  }

  private static void listensOnPublishedPortAndChecksReadiness(String instance) {
    JsonNode examhub = service(instance);
    Map<String, String> env = environment(examhub);
    int httpPort = Integer.parseInt(setting(env, "EXAMHUB_HTTP_PORT"));

    if (config(instance).roles().has(Role.INGRESS)) {
      assertThat(containerPorts(examhub)).as("container ports published by %s", instance).contains(httpPort);
    } else {
      // Without ingress the public port serves /health only: the healthcheck reaches it inside the container.
      assertThat(containerPorts(examhub)).as("container ports published by %s", instance).doesNotContain(httpPort);
    }
    assertThat(setting(env, "EXAMHUB_HTTP_HOST")).as("EXAMHUB_HTTP_HOST in a container")
        .isEqualTo("0.0.0.0");
    assertThat(healthcheck(examhub)).as("examhub healthcheck")
        .contains("localhost:" + httpPort + "/health/ready");
  }

  @Test
  void examhubStartsOnlyAfterKafkaAndMongodbAreHealthy() {
    EXAMHUB.forEach(ComposeFilesTest::startsAfterKafkaAndMongodb);
  }

  private static void startsAfterKafkaAndMongodb(String instance) {
    JsonNode dependsOn = service(instance).path("depends_on");

    List<String> dependencies = new ArrayList<>(BROKERS);
    dependencies.add("mongodb");
    for (String dependency : dependencies) {
      assertThat(dependsOn.path(dependency).path("condition").asText())
          .as("examhub depends_on %s", dependency).isEqualTo("service_healthy");
      assertThat(healthcheck(service(dependency))).as("healthcheck of %s", dependency).isNotBlank();
    }
  }

  // ---- what is reachable from outside ------------------------------------------------------

  @Test
  void kafkaAndMongodbAreNotPublishedToTheHost() {
    List<String> stores = new ArrayList<>(BROKERS);
    stores.add("mongodb");
    for (String store : stores) {
      assertThat(service(store).path("ports")).as("ports of %s", store).isEmpty();
      assertThat(service(store).path("network_mode").asText()).as("network_mode of %s", store).isNotEqualTo("host");
    }
  }

  @Test
  void onlyTheWebhookPortIsPublishedOnEveryInterfaceAndTheAdminPortOnLoopback() {
    for (String instance : EXAMHUB) {
      Map<String, String> env = environment(service(instance));
      int httpPort = Integer.parseInt(setting(env, "EXAMHUB_HTTP_PORT"));
      assertThat(env.get("EXAMHUB_ADMIN_PORT")).as("EXAMHUB_ADMIN_PORT of %s", instance).isNotBlank();
      int adminPort = operatorPort(env);

      for (Published p : published(service(instance))) {
        if (p.container() != httpPort) {
          assertThat(p.hostIp()).as("host address of %s's container port %d", instance, p.container())
              .isEqualTo("127.0.0.1");
        }
      }
      assertThat(published(service(instance))).as("%s publishes its admin port", instance)
          .anySatisfy(p -> assertThat(p.container()).isEqualTo(adminPort));
    }
    for (String tool : List.of("prometheus", "grafana")) {
      assertThat(published(service(tool))).as("ports of %s", tool)
          .allSatisfy(p -> assertThat(p.hostIp()).as("host address of %s", tool).isEqualTo("127.0.0.1"));
    }
  }

  @Test
  void grafanaHasNoDefaultAdminPasswordAndNoAnonymousAccess() {
    Map<String, String> env = environment(service("grafana"));
    String password = env.getOrDefault("GF_SECURITY_ADMIN_PASSWORD", "");
    String passwordFile = env.getOrDefault("GF_SECURITY_ADMIN_PASSWORD__FILE", "");

    assertThat(env.getOrDefault("GF_AUTH_ANONYMOUS_ENABLED", "false")).as("GF_AUTH_ANONYMOUS_ENABLED")
        .isEqualToIgnoringCase("false");
    if (passwordFile.isBlank()) {
      // ${VAR:?message}: compose refuses to start without it; ${VAR:-x} or a literal would be a known password.
      assertThat(password).as("GF_SECURITY_ADMIN_PASSWORD").matches("\\$\\{[A-Z_]+:\\?[^}]*}");
    } else {
      assertThat(password).as("GF_SECURITY_ADMIN_PASSWORD beside a password file").isEmpty();
    }
  }

  // ---- Prometheus --------------------------------------------------------------------------

  @Test
  void composeMountsThePrometheusConfigurationOfThisRepository() {
    Map<String, String> mounts = mounts(service("prometheus"));

    assertThat(mounts.get("/etc/prometheus/prometheus.yml")).as("source of the Prometheus config")
        .isNotNull()
        .satisfies(source -> assertThat(Path.of(source).normalize()).isEqualTo(PROMETHEUS));
  }

  @Test
  void prometheusScrapesExamhubMetricsOnThePortExamhubExposes() {
    EXAMHUB.forEach(ComposeFilesTest::prometheusScrapes);
  }

  @Test
  void prometheusScrapesEveryInstanceAndNoTargetThatIsNotOne() {
    Set<String> expected = new TreeSet<>();
    EXAMHUB.forEach(instance -> expected.add(instance + ":" + operatorPort(environment(service(instance)))));
    Set<String> targets = new TreeSet<>();
    for (JsonNode job : yaml(PROMETHEUS).path("scrape_configs")) {
      if (job.path("job_name").asText().equals("examhub")) {
        job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
      }
    }

    assertThat(targets).as("targets of the examhub scrape job").isEqualTo(expected);
  }

  private static void prometheusScrapes(String instance) {
    int httpPort = operatorPort(environment(service(instance)));
    List<Integer> exposed = containerPorts(service(instance));
    assertThat(exposed).as("container ports published by %s", instance).contains(httpPort);

    String target = instance + ":" + httpPort;
    List<JsonNode> jobs = new ArrayList<>();
    for (JsonNode job : yaml(PROMETHEUS).path("scrape_configs")) {
      for (JsonNode staticConfig : job.path("static_configs")) {
        for (JsonNode t : staticConfig.path("targets")) {
          if (t.asText().equals(target)) {
            jobs.add(job);
          }
        }
      }
    }

    assertThat(jobs).as("scrape jobs with target %s", target).hasSize(1);
    assertThat(jobs.get(0).path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
    assertThat(jobs.get(0).path("scheme").asText("http")).isEqualTo("http");
  }

  // ---- Grafana -----------------------------------------------------------------------------

  @Test
  void grafanaDatasourcePointsAtThePrometheusServiceAndPort() {
    JsonNode datasource = prometheusDatasource();
    String url = datasource.path("url").asText();
    assertThat(url).as("datasource url").startsWith("http://");

    String hostPort = url.substring("http://".length()).split("/", 2)[0];
    int prometheusPort = commandOption(service("prometheus"), "--web.listen-address")
        .map(ComposeFilesTest::port).orElse(9090);

    assertThat(reachableNames("prometheus")).contains(host(hostPort));
    assertThat(port(hostPort)).as("Prometheus port").isEqualTo(prometheusPort);
    assertThat(containerPorts(service("prometheus"))).contains(prometheusPort);
    assertThat(datasource.path("uid").asText()).as("datasource uid").isNotBlank();
  }

  @Test
  void grafanaMountsTheProvisioningAndTheDashboardsTheProviderLoads() {
    Map<String, String> mounts = mounts(service("grafana"));
    Map<Path, String> targetBySource = new LinkedHashMap<>();
    mounts.forEach((target, source) -> targetBySource.put(Path.of(source).normalize(), target));

    assertThat(targetBySource.get(Path.of("grafana", "provisioning")))
        .as("mount of grafana/provisioning").isEqualTo("/etc/grafana/provisioning");
    String dashboardsTarget = targetBySource.get(DASHBOARDS);
    assertThat(dashboardsTarget).as("mount of grafana/dashboards").isNotNull();

    List<String> providerPaths = new ArrayList<>();
    for (Path file : yamlFiles(DASHBOARD_PROVIDERS)) {
      for (JsonNode provider : yaml(file).path("providers")) {
        if (provider.path("type").asText("file").equals("file")) {
          providerPaths.add(provider.path("options").path("path").asText());
        }
      }
    }
    assertThat(providerPaths).as("paths of file dashboard providers").contains(dashboardsTarget);
  }

  @Test
  void everyDashboardParsesAndHasAUniqueUidAndATitle() {
    List<Path> files = dashboardFiles();
    assertThat(files).as("dashboards under %s", DASHBOARDS).isNotEmpty();

    Set<String> uids = new TreeSet<>();
    for (Path file : files) {
      JsonNode dashboard = json(file);
      assertThat(dashboard.path("title").asText()).as("title of %s", file).isNotBlank();
      String uid = dashboard.path("uid").asText();
      assertThat(uid).as("uid of %s", file).isNotBlank().hasSizeLessThanOrEqualTo(40);
      assertThat(uids.add(uid)).as("uid %s of %s is unique", uid, file).isTrue();
      assertThat(dashboard.path("schemaVersion").asInt()).as("schemaVersion of %s", file).isPositive();
    }
  }

  @Test
  void everyDashboardPanelQueriesTheProvisionedDatasource() {
    String uid = prometheusDatasource().path("uid").asText();

    for (Path file : dashboardFiles()) {
      List<JsonNode> panels = panels(json(file));
      assertThat(panels).as("panels of %s", file).isNotEmpty();
      for (JsonNode panel : panels) {
        String name = file + " panel '" + panel.path("title").asText() + "'";
        assertThat(panel.has("gridPos")).as("%s has gridPos", name).isTrue();
        assertThat(panel.path("datasource").path("uid").asText()).as("datasource of %s", name)
            .isEqualTo(uid);
        assertThat(panel.path("targets")).as("targets of %s", name).isNotEmpty();
        for (JsonNode target : panel.path("targets")) {
          assertThat(target.path("datasource").path("uid").asText())
              .as("datasource of a target of %s", name).isEqualTo(uid);
          assertThat(target.path("expr").asText()).as("expr of a target of %s", name).isNotBlank();
        }
      }
    }
  }

  // ---- Dockerfile --------------------------------------------------------------------------

  @Test
  void dockerfileExposesThePortComposePublishes() {
    List<String> expose = argumentsOf(runtimeStage(), "EXPOSE");
    Set<Integer> exposed = new TreeSet<>();
    for (String ports : expose) {
      for (String p : ports.trim().split("\\s+")) {
        exposed.add(Integer.parseInt(p.replaceFirst("/.*", "")));
      }
    }

    assertThat(exposed).as("EXPOSE of the runtime stage").isNotEmpty();
    Set<Integer> published = new TreeSet<>();
    for (String instance : EXAMHUB) {
      published.addAll(containerPorts(service(instance)));
    }
    // A dispatch instance publishes no public port; some instance publishes each exposed one.
    assertThat(published).as("container ports the instances publish").isEqualTo(exposed);
  }

  @Test
  void dockerfileRunsTheExamhubMainClass() {
    List<String> command = new ArrayList<>();
    command.addAll(execForm(argumentsOf(runtimeStage(), "ENTRYPOINT")));
    command.addAll(execForm(argumentsOf(runtimeStage(), "CMD")));

    assertThat(command).as("ENTRYPOINT + CMD").contains("no.examhub.Main");
    int cp = Math.max(command.indexOf("-cp"), command.indexOf("-classpath"));
    assertThat(cp).as("classpath option").isNotNegative();
    assertThat(command.get(cp + 1)).as("classpath").contains("examhub.jar").contains("lib/*");
  }

  @Test
  void dockerfileBuildsWithMavenAndRunsAsNonRootWithAReadinessHealthcheck() {
    List<List<String[]>> stages = dockerfileStages();
    assertThat(stages).as("stages").hasSizeGreaterThanOrEqualTo(2);
    boolean builds = stages.subList(0, stages.size() - 1).stream().flatMap(List::stream)
        .anyMatch(i -> i[0].equals("RUN") && i[1].contains("mvn") && i[1].contains("package"));
    assertThat(builds).as("a build stage runs mvn package").isTrue();

    List<String> users = argumentsOf(runtimeStage(), "USER");
    assertThat(users).as("USER of the runtime stage").isNotEmpty();
    assertThat(users.get(users.size() - 1).trim()).isNotIn("root", "0", "0:0");

    assertThat(String.join(" ", argumentsOf(runtimeStage(), "HEALTHCHECK")))
        .contains("/health/ready");
  }

  @Test
  void dockerignoreKeepsBuildOutputDataAndGitOutOfTheContext() throws IOException {
    List<String> patterns = Files.readAllLines(DOCKERIGNORE).stream().map(String::trim)
        .map(p -> p.replaceAll("^/|/$", "")).toList();

    assertThat(patterns).contains("target", "data", ".git");
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode service(String name) {
    JsonNode service = compose.path("services").path(name);
    assertThat(service.isObject()).as("compose service %s", name).isTrue();
    return service;
  }

  /** Names by which other containers reach a service: its key, hostname and network aliases. */
  private static Set<String> reachableNames(String name) {
    JsonNode service = service(name);
    Set<String> names = new TreeSet<>(Set.of(name));
    if (service.hasNonNull("hostname")) {
      names.add(service.get("hostname").asText());
    }
    service.path("networks").forEach(n -> n.path("aliases").forEach(a -> names.add(a.asText())));
    return names;
  }

  /** The environment of a service, whether written as a map or as a list of KEY=VALUE. */
  private static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode node = service.path("environment");
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        env.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
      }
    } else {
      for (JsonNode entry : node) {
        String[] kv = entry.asText().split("=", 2);
        env.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return env;
  }

  /** A setting's value in a compose environment, or its documented default. */
  private static String setting(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value != null && !value.isBlank()) {
      return value.trim();
    }
    return ExamhubConfig.SETTINGS.stream().filter(s -> s.name().equals(name)).findFirst()
        .map(Setting::defaultValue)
        .orElseThrow(() -> new AssertionError(name + " is not in ExamhubConfig.SETTINGS"));
  }

  /** Where the operator API and /metrics are served: the admin port when set, else the HTTP port. */
  private static int operatorPort(Map<String, String> env) {
    String admin = env.get("EXAMHUB_ADMIN_PORT");
    return Integer.parseInt(admin == null || admin.isBlank() ? setting(env, "EXAMHUB_HTTP_PORT") : admin.trim());
  }

  /** An instance's settings as Examhub reads and validates them; compose's interpolations stand in as placeholders. */
  private static ExamhubConfig config(String instance) {
    Map<String, String> env = new LinkedHashMap<>();
    environment(service(instance)).forEach((k, v) -> env.put(k, v.replaceAll("\\$\\{[^}]*}", INTERPOLATED)));
    return ExamhubConfig.from(env);
  }

  /** The port of the listener with this name in a broker's {@code KAFKA_LISTENERS}. */
  private static int listenerPort(Map<String, String> brokerEnv, String listenerName) {
    for (String listener : split(brokerEnv.getOrDefault("KAFKA_LISTENERS", ""))) {
      if (listener.startsWith(listenerName + "://")) {
        return port(listener);
      }
    }
    throw new AssertionError("no listener " + listenerName + " in " + brokerEnv.get("KAFKA_LISTENERS"));
  }

  private record Published(String hostIp, int container) {}

  /** The {@code ports} section as host address (empty: every interface) and container port. */
  private static List<Published> published(JsonNode service) {
    List<Published> ports = new ArrayList<>();
    for (JsonNode port : service.path("ports")) {
      if (port.isObject()) {
        ports.add(new Published(port.path("host_ip").asText(""),
            Integer.parseInt(port.path("target").asText().replaceFirst("/.*", ""))));
        continue;
      }
      String[] parts = port.asText().split(":");
      String hostIp = parts.length == 3 ? parts[0] : "";
      ports.add(new Published(hostIp, Integer.parseInt(parts[parts.length - 1].replaceFirst("/.*", ""))));
    }
    return ports;
  }

  /** Container ports of the {@code ports} section (short syntax or long syntax). */
  private static List<Integer> containerPorts(JsonNode service) {
    List<Integer> ports = new ArrayList<>();
    for (JsonNode port : service.path("ports")) {
      String container = port.isObject()
          ? port.path("target").asText()
          : port.asText().substring(port.asText().lastIndexOf(':') + 1);
      ports.add(Integer.parseInt(container.replaceFirst("/.*", "")));
    }
    return ports;
  }

  /** Volume mounts of a service as target -> source (short syntax or long syntax). */
  private static Map<String, String> mounts(JsonNode service) {
    Map<String, String> mounts = new LinkedHashMap<>();
    for (JsonNode volume : service.path("volumes")) {
      if (volume.isObject()) {
        mounts.put(volume.path("target").asText(), volume.path("source").asText());
      } else {
        String[] parts = volume.asText().split(":");
        if (parts.length >= 2) {
          mounts.put(parts[1], parts[0]);
        }
      }
    }
    return mounts;
  }

  private static String healthcheck(JsonNode service) {
    JsonNode test = service.path("healthcheck").path("test");
    if (test.isArray()) {
      List<String> words = new ArrayList<>();
      test.forEach(w -> words.add(w.asText()));
      return String.join(" ", words);
    }
    return test.asText();
  }

  /** The value of {@code --option value} or {@code --option=value} in a service's command. */
  private static Optional<String> commandOption(JsonNode service, String option) {
    List<String> words = new ArrayList<>();
    JsonNode command = service.path("command");
    if (command.isArray()) {
      command.forEach(w -> words.add(w.asText()));
    } else if (command.isTextual()) {
      words.addAll(List.of(command.asText().trim().split("\\s+")));
    }
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).startsWith(option + "=")) {
        return Optional.of(words.get(i).substring(option.length() + 1));
      }
      if (words.get(i).equals(option) && i + 1 < words.size()) {
        return Optional.of(words.get(i + 1));
      }
    }
    return Optional.empty();
  }

  private static List<String> split(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    return Stream.of(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String host(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> dashboardFiles() {
    try (Stream<Path> files = Files.walk(DASHBOARDS)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one provisioned Prometheus datasource the dashboards are meant to use. */
  private static JsonNode prometheusDatasource() {
    List<JsonNode> found = new ArrayList<>();
    for (Path file : yamlFiles(DATASOURCES)) {
      for (JsonNode datasource : yaml(file).path("datasources")) {
        if (datasource.path("type").asText().equals("prometheus")) {
          found.add(datasource);
        }
      }
    }
    assertThat(found).as("provisioned Prometheus datasources").hasSize(1);
    return found.get(0);
  }

  /** Every panel of a dashboard, including those nested in collapsed rows; rows themselves excluded. */
  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if (panel.path("type").asText().equals("row")) {
        panel.path("panels").forEach(panels::add);
      } else {
        panels.add(panel);
      }
    }
    return panels;
  }

  /** Dockerfile instructions as {INSTRUCTION, arguments}, grouped by stage (split at FROM). */
  private static List<List<String[]>> dockerfileStages() {
    List<String> lines;
    try {
      lines = Files.readAllLines(DOCKERFILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<List<String[]>> stages = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String instruction = current.toString().trim();
      current.setLength(0);
      if (instruction.isEmpty()) {
        continue;
      }
      String[] parts = instruction.split("\\s+", 2);
      String keyword = parts[0].toUpperCase();
      if (keyword.equals("FROM")) {
        stages.add(new ArrayList<>());
      }
      assertThat(stages).as("Dockerfile starts with FROM").isNotEmpty();
      stages.get(stages.size() - 1).add(new String[] {keyword, parts.length > 1 ? parts[1] : ""});
    }
    return stages;
  }

  private static List<String[]> runtimeStage() {
    List<List<String[]>> stages = dockerfileStages();
    assertThat(stages).as("Dockerfile stages").isNotEmpty();
    return stages.get(stages.size() - 1);
  }

  private static List<String> argumentsOf(List<String[]> stage, String keyword) {
    return stage.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1]).toList();
  }

  /** The last ENTRYPOINT or CMD wins; exec form (JSON array) is parsed, shell form split on spaces. */
  private static List<String> execForm(List<String> instructions) {
    if (instructions.isEmpty()) {
      return List.of();
    }
    String last = instructions.get(instructions.size() - 1).trim();
    if (last.startsWith("[")) {
      try {
        List<String> words = new ArrayList<>();
        JSON.readTree(last).forEach(w -> words.add(w.asText()));
        return words;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.of(last.split("\\s+"));
  }
}
