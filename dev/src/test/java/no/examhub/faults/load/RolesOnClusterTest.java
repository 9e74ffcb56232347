package no.examhub.faults.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.examhub.event.CaseKeys;
import no.examhub.event.Command;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.platform.kafka.EmbeddedKafkaCluster;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.DemoData;
import no.examhub.simulator.SimulatorServer;
import no.examhub.simulator.inspera.InsperaDemoTests;
import no.examhub.simulator.inspera.InsperaSimulator;
import no.examhub.simulator.script.PartnerScript;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roles split over two instances on a three-broker cluster carry every flow of the embedded
 * demo: an ingress-only instance ({@code EXAMHUB_ROLES=ingress}) takes every partner webhook and
 * callback, and an instance with {@code streams,dispatch,pollers} (no ingress) runs the topology,
 * the command workers and the FS poller; what reads a Streams store (roster upload,
 * verify_respondent, case queries) is sent to the ingress-only instance as well, which forwards it
 * to {@code EXAMHUB_STREAMS_URL}. The flows: Inspera webhooks (exam events, test metadata,
 * theses archived), Proview callbacks (sessions fetched), FS's appeals and explanation requests
 * for Inspera and WISEflow (appeal registered, reassessment created, explanation requested), an
 * explanation Inspera published sent on to FS, and the proctoring vendor's verify_respondent
 * against a roster uploaded through the operator API. Every command is carried out exactly once.
 */
@Tag("cluster")
@ExtendWith(SharedCluster.class)
class RolesOnClusterTest {
  /** Of CrashLoad's mix: 5 tests (2 theses, so 4 archive records), 3 Proview sessions, 1 re-sent webhook. */
  private static final int WEBHOOKS = 1_000;
  private static final Duration READY_WITHIN = Duration.ofSeconds(180);
  private static final Duration FLOWS_WITHIN = Duration.ofSeconds(120);
  private static final String ROSTER_EXAM = "roles-exam-1";
  /** The demo's Inspera explanation request (FsDemoCases: candidate 103, Inspera user 5001103). */
  private static final String EXPLAINED_CANDIDATE = "103";
  private static final Set<Partner> SIMULATED = Set.of(Partner.INSPERA, Partner.WISEFLOW, Partner.ARCHIVE,
      Partner.PROVIEW, Partner.FS);

  @Test
  void anIngressOnlyAndAStreamsInstanceTogetherCarryEveryDemoFlowAndEachCommandOnce(EmbeddedKafkaCluster cluster,
      @TempDir Path work) throws Exception {
    Path logs = Path.of("target", "faults-load", "roles-" + System.currentTimeMillis());
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient client = MongoClients.create(mongo.uri());
        SimulatorServer partners = SimulatorServer.start("127.0.0.1", 0)) {
      String bootstrap = cluster.bootstrapServers();
      DemoData.Credentials demo = DemoData.seed(client.getDatabase("examhub"));
      DemoData.seedWiseflowDemo(client.getDatabase("examhub"));
      CrashLoad load = CrashLoad.of(WEBHOOKS, demo);
      load.registerTests(partners.inspera(), Instant.now().minus(Duration.ofDays(60)));
      try (ChildExamhub streams = instance("streams", "streams,dispatch,pollers", Map.of(), cluster, mongo, partners,
              work, logs);
          ChildExamhub ingress = instance("ingress", "ingress", Map.of("EXAMHUB_STREAMS_URL", streams.baseUrl()),
              cluster, mongo, partners, work, logs)) {
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> ingress.start().awaitReady(READY_WITHIN)),
            CompletableFuture.runAsync(() -> streams.start().awaitReady(READY_WITHIN))).join();
        // What reads a Streams store goes to the ingress-only instance too, which forwards it to
        // EXAMHUB_STREAMS_URL: the partners and operators need to know one address.
        String storeReading = ingress.baseUrl();
        LoadGenerator generator = new LoadGenerator(ingress.baseUrl(), load.webhooks(), 4, 200,
            new AnswerLog()).start();

        assertThat(put(storeReading + "/api/roster/" + DemoData.INSTITUTION + "/" + ROSTER_EXAM, demo.adminToken(),
            "{\"candidateIdPosition\":0,\"accessCodePosition\":1,\"candidates\":[{\"candidateId\":\"c-1\","
                + "\"accessCode\":\"code-1\",\"name\":\"Roles Candidate\"}]}").statusCode()).as("roster upload")
            .isEqualTo(200);
        // A refusal is a 200 too (with errorMessage): admitted is the roster's metadata in the answer.
        Eventually.holds(Duration.ofSeconds(30),
            () -> verifyRespondent(storeReading, demo, "c-1", "code-1").body().contains("Roles Candidate"));
        assertThat(verifyRespondent(storeReading, demo, "c-1", "wrong").body())
            .as("a wrong access code is refused").contains("errorMessage").doesNotContain("Roles Candidate");

        InsperaSimulator inspera = partners.inspera();
        Eventually.holds(FLOWS_WITHIN, () -> !onDemoTest(inspera, "explanation-request").isEmpty());
        assertThat(postExplanationPublished(ingress.baseUrl(), demo).statusCode())
            .as("explanation_published at the ingress").isEqualTo(200);
        generator.await(Duration.ofMinutes(2));
        Settling.awaitCommands(bootstrap, load, FLOWS_WITHIN);
        Eventually.holds(FLOWS_WITHIN, () -> !registrations(bootstrap).isEmpty()
            && !ofOperation(commands(bootstrap), Operations.CREATE_REASSESSMENT).isEmpty());
        Settling.awaitQuiet(bootstrap, System.nanoTime() + FLOWS_WITHIN.toNanos());
        HttpResponse<String> appealCase = get(storeReading + "/api/cases/" + DemoData.INSTITUTION
            + "/DEMO-INF1000-2026H/101", demo.adminToken());

        List<Command> commands = commands(bootstrap);
        Map<String, List<Outcome>> outcomes = TopicReader.readAll(bootstrap, Topics.OUTCOMES).stream()
            .map(Map.Entry::getValue).collect(Collectors.groupingBy(Outcome::commandId));
        List<CommandTally> tallies = List.of(
            CommandTally.of(Operations.FETCH_TEST_METADATA, load.testIds(), commands,
                c -> Wire.payload(c).path("testId").asText()),
            CommandTally.of(Operations.ARCHIVE_THESIS, load.thesisCases(), commands,
                c -> CaseKeys.of(c.institution(), Wire.payload(c).path("vurdId").asText(),
                    Wire.payload(c).path("kandidatnr").asText())),
            CommandTally.of(Operations.FETCH_SESSION, load.sessions(), commands,
                c -> Wire.payload(c).path("sessionUuid").asText()));
        Map<String, List<String>> appliedKeys = appliedIdempotencyKeys(partners);
        Figures figures = new Figures("roles on a three-broker cluster: ingress-only and streams,dispatch,pollers")
            .add("webhooks acknowledged by the ingress-only instance", generator.acknowledgedCount())
            .add("commands by partner and operation", commands.stream().collect(Collectors.groupingBy(
                c -> c.partner() + " " + c.operation(), java.util.TreeMap::new, Collectors.counting())));
        figures.add("command ids on their topic more than once, by operation", commands.stream()
            .filter(c -> commands.stream().filter(d -> d.commandId().equals(c.commandId())).count() > 1)
            .collect(Collectors.groupingBy(Command::operation, java.util.TreeMap::new, Collectors.counting())));
        tallies.forEach(t -> t.addTo(figures));
        figures.print();

        assertThat(generator.acknowledgedCount()).as("webhooks acknowledged by the ingress-only instance")
            .isEqualTo(WEBHOOKS);
        for (CommandTally t : tallies) {
          assertThat(t.lost()).as(t.operation() + " commands that should exist and do not").isEmpty();
          assertThat(t.duplicateKeys()).as(t.operation() + " commands twice for the same thing").isEmpty();
          assertThat(t.unexpected()).as(t.operation() + " commands nothing asked for").isEmpty();
        }
        assertThat(commands).extracting(c -> c.institution() + " " + c.operation())
            .as("the FS flows of both demo institutions and the published explanation").contains(
                DemoData.INSTITUTION + " " + Operations.REGISTER_APPEAL,
                DemoData.INSTITUTION + " " + Operations.REQUEST_EXPLANATION,
                DemoData.INSTITUTION + " " + Operations.REGISTER_EXPLANATION,
                DemoData.WISEFLOW_INSTITUTION + " " + Operations.CREATE_REASSESSMENT);
        assertThat(onDemoTest(inspera, "appeal")).as("the demo appeal registered in Inspera").singleElement()
            .satisfies(a -> assertThat(a.body()).containsEntry("candidateId", "101"));
        assertThat(partners.wiseflow().script().calls()).extracting(c -> c.method() + " " + c.path())
            .as("the WISEflow demo appeal's reassessment flow").containsOnlyOnce("POST /wiseflow/v1/flow/9001/reassessment");
        assertThat(registrations(bootstrap)).as("the published explanation registered in FS").hasSize(1);
        assertThat(repeatedIds(commands)).as("commands on their topic twice").isEmpty();
        assertThat(commands.stream().collect(Collectors.groupingBy(c -> c.operation() + " " + c.institution() + " "
            + Wire.payload(c), Collectors.counting())))
            .as("two commands for the same thing").allSatisfy((thing, n) -> assertThat(n).as(thing).isEqualTo(1L));
        assertThat(commands).as("each command carried out once: one outcome, a success").allSatisfy(c ->
            assertThat(outcomes.getOrDefault(c.commandId(), List.of())).as(c.operation() + " " + c.commandId())
                .singleElement().matches(Outcome::success, "a success"));
        assertThat(commands).filteredOn(c -> SIMULATED.contains(c.partner()))
            .as("each command applied by its partner once, under its own id as Idempotency-Key")
            .allSatisfy(c -> assertThat(appliedKeys.getOrDefault(c.partner().name(), List.of()))
                .as(c.operation() + " " + c.commandId()).containsOnlyOnce(c.commandId()));
        assertThat(appealCase.statusCode()).as("the case query, answered from the streams instance's store")
            .isEqualTo(200);
        assertThat(appealCase.body()).contains("DEMO-INF1000-2026H");
      }
    }
  }

  /** One child of the application {@code examhub-roles} with these roles, polling FS every second. */
  private static ChildExamhub instance(String name, String roles, Map<String, String> more,
      EmbeddedKafkaCluster cluster, EmbeddedMongo mongo, SimulatorServer partners, Path work, Path logs) {
    String sim = "http://127.0.0.1:" + partners.port();
    Map<String, String> env = new HashMap<>(ChildEnv.of(cluster.bootstrapServers(), 3, mongo, partners,
        work.resolve(name), "examhub-roles"));
    env.put("EXAMHUB_ROLES", roles);
    env.put("EXAMHUB_INSTANCE_ID", "roles-" + name);
    env.put("EXAMHUB_FS_URL", sim + "/fs/{fsEnv}");
    env.put("EXAMHUB_WISEFLOW_URL", sim + "/wiseflow/v1");
    env.put("EXAMHUB_FS_POLL_INTERVAL", "PT1S");
    env.put("EXAMHUB_WISEFLOW_POLL_INTERVAL", "PT2S");
    env.putAll(more);
    return new ChildExamhub(env, logs.resolve(name), AnswerLog.freePort());
  }

  private static List<Command> commands(String bootstrap) {
    List<Command> all = new ArrayList<>();
    for (Partner p : Partner.values()) {
      TopicReader.readAll(bootstrap, Topics.commandsFor(p)).forEach(e -> all.add(e.getValue()));
    }
    return all;
  }

  /**
   * Command ids on their topic more than once. A WISEflow poll's id is the case and the poll round;
   * a late punctuation and the next one used to share a round (CaseTopologyTest pins the fix).
   */
  private static List<String> repeatedIds(List<Command> commands) {
    return commands.stream()
        .collect(Collectors.groupingBy(c -> c.operation() + " " + c.commandId(), Collectors.counting()))
        .entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
  }

  private static List<Command> ofOperation(List<Command> commands, String operation) {
    return commands.stream().filter(c -> operation.equals(c.operation())).toList();
  }

  private static List<Command> registrations(String bootstrap) {
    return TopicReader.readAll(bootstrap, Topics.COMMANDS_FS).stream().map(Map.Entry::getValue)
        .filter(c -> Operations.REGISTER_EXPLANATION.equals(c.operation())
            && EXPLAINED_CANDIDATE.equals(Wire.payload(c).path("kandidatnr").asText()))
        .toList();
  }

  /** The Idempotency-Key of every call each simulator applied, by partner. */
  private static Map<String, List<String>> appliedIdempotencyKeys(SimulatorServer sims) {
    Function<PartnerScript, List<String>> applied = s -> s.calls().stream().filter(PartnerScript.Call::applied)
        .map(PartnerScript.Call::idempotencyKey).distinct().toList();
    return Map.of(Partner.INSPERA.name(), applied.apply(sims.inspera().script()),
        Partner.WISEFLOW.name(), applied.apply(sims.wiseflow().script()),
        Partner.ARCHIVE.name(), applied.apply(sims.archive().script()),
        Partner.PROVIEW.name(), applied.apply(sims.proview().script()),
        Partner.FS.name(), applied.apply(sims.fs().script()));
  }

  private static List<InsperaSimulator.Applied> onDemoTest(InsperaSimulator inspera, String kind) {
    return inspera.applied(kind).stream().filter(a -> a.testId().equals(InsperaDemoTests.EXAM_TEST)).toList();
  }

  private static HttpResponse<String> verifyRespondent(String baseUrl, DemoData.Credentials demo, String candidate,
      String code) {
    String body = "{\"event\":\"verify_respondent\",\"fields\":[{\"position\":0,\"value\":\"" + candidate
        + "\"},{\"position\":1,\"value\":\"" + code + "\"}],\"exam_id\":\"" + ROSTER_EXAM + "\",\"choosenLang\":\"en\"}";
    return Http.post(baseUrl + "/webhooks/proctoring/" + DemoData.INSTITUTION, body, Map.of("Content-Type",
        "application/json", "x-client-id", demo.proctoringClientId(), "x-client-secret", demo.proctoringClientSecret(),
        "X-Request-Id", "roles-" + java.util.UUID.randomUUID()));
  }

  private static HttpResponse<String> postExplanationPublished(String baseUrl, DemoData.Credentials demo) {
    String body = "{\"contextObjectId\": " + InsperaDemoTests.EXAM_TEST + ", \"event\": \"explanation_published\", "
        + "\"associatedObjectId\": 5001103, \"associatedObjectType\": \"user\", \"timestamp\": \"" + Instant.now()
        + "\"}";
    return Http.post(baseUrl + "/webhooks/inspera/" + DemoData.INSTITUTION, body, Map.of("Content-Type",
        "application/json", InsperaSignature.HEADER,
        InsperaSignature.sign(demo.insperaSecret(), body.getBytes(StandardCharsets.UTF_8))));
  }

  private static HttpResponse<String> put(String url, String token, String body) {
    return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static HttpResponse<String> get(String url, String token) {
    return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build());
  }
}
