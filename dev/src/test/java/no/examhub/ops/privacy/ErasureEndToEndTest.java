package no.examhub.ops.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import no.examhub.event.RosterEntry;
import no.examhub.event.Topics;
import no.examhub.flow.cases.CaseQueries;
import no.examhub.flow.cases.CaseState;
import no.examhub.flow.proctoring.RosterStore;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.KafkaSettings;
import no.examhub.platform.kafka.Topic;
import no.examhub.simulator.inspera.InsperaDemoTests;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.KeyedTopicReader;
import no.examhub.testing.Operator;
import no.examhub.testing.TestHub;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A candidate erased after a full appeal flow is found nowhere Examhub keeps state: not in any
 * store's latest state, not in the latest value of any compacted topic or changelog, not in any
 * MongoDB collection; topics with delete retention hold them at most their retention (30 days,
 * docs/operations.md). The candidate is the demo's 101: the FS simulator's active appeal on
 * DEMO-INF1000-2026H, registered at the Inspera simulator (user 5001101), decided by Inspera's
 * webhook and closed in FS; a roster entry of theirs is uploaded too. Candidate 103 of the same
 * exam is not erased and stays.
 */
class ErasureEndToEndTest {
  private static final String CANDIDATE = "101";
  private static final String CASE = "demo/DEMO-INF1000-2026H/" + CANDIDATE;
  private static final String EXAM = "erasure-e2e-" + UUID.randomUUID();
  /** What identifies candidate 101 anywhere: its number in a field or key, its Inspera id, and what FS and the roster say of them. */
  private static final List<Pattern> TRACES = List.of(
      Pattern.compile("\"(kandidatnr|candidateId)\"\\s*:\\s*\"?" + CANDIDATE + "\\b"),
      Pattern.compile("demo/[^\"]*/" + CANDIDATE + "(\"|$|/)"),
      Pattern.compile("5001101"),
      Pattern.compile("01019900101|demo101|Kari|Nordmann"),
      Pattern.compile("Erasa Candidate|erasa@uni\\.invalid|photos/erasa"));
  private static final String APP_ID = "examhub-erasure-" + UUID.randomUUID();
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_APPLICATION_ID", APP_ID)).awaitingStreams();

  @Test
  void anErasedCandidateIsFoundInNoStoreTopicLatestValueOrCollectionAfterAFullAppealFlow() throws Exception {
    CaseQueries cases = new CaseQueries(hub.hub().streams().unwrap());
    Operator operator = Operator.of(hub);
    fullAppealFlow(cases, operator);
    assertThat(tracesInMongo()).as("the flow left the candidate in MongoDB").isNotEmpty();

    HttpResponse<String> accepted = Http.post(hub.baseUrl() + "/api/institutions/demo/erasures",
        "{\"candidate\": \"" + CANDIDATE + "\"}", Map.of("Content-Type", "application/json",
            "Authorization", "Bearer " + hub.demo().adminToken()));
    assertThat(accepted.statusCode()).isEqualTo(202);
    String erasureId = Json.tree(accepted.body().getBytes(StandardCharsets.UTF_8)).path("erasureId").asText();
    assertThat(operator.get("/api/institutions/demo/erasures/" + erasureId).statusCode()).isEqualTo(200);

    Eventually.holds(Duration.ofSeconds(60), () -> cases.find(CASE).isEmpty() && tracesInStores(cases).isEmpty());
    assertThat(tracesInStores(cases)).isEmpty();
    assertThat(cases.all()).as("the other candidates of the exam stay")
        .anySatisfy(s -> assertThat(s.kandidatnr()).isEqualTo("103"));
    assertThat(RosterStore.of(hub.hub().streams().unwrap()).allOfExam("demo", EXAM))
        .extracting(RosterEntry::candidateId).containsExactly("other-1");
    assertThat(tracesInCompactedTopics()).isEmpty();
    assertThat(tracesInMongo()).isEmpty();
    Document audit = erasureAudit(erasureId);
    assertThat(audit).as("the erasure is audited").isNotNull();
    assertThat(audit.toJson()).as("without the candidate").doesNotContain("\"" + CANDIDATE + "\"");
    assertEveryOtherTopicForgetsWithinItsRetention();
  }

  @Test
  void theRosterExpiryReadsUploadTimesFromTheRunningGlobalStore() throws Exception {
    String exam = "expiry-" + UUID.randomUUID();
    assertThat(Operator.of(hub).put("/api/roster/demo/" + exam,
        "{\"candidates\": [{\"candidateId\": \"c-1\", \"accessCode\": \"a-1\"}]}").statusCode()).isEqualTo(200);
    String key = RosterEntry.key("demo", exam, "c-1");
    Eventually.holds(Duration.ofSeconds(30), () -> !RosterStore.of(hub.hub().streams().unwrap()).allOfExam("demo", exam)
        .isEmpty());
    List<String> due = new ArrayList<>();
    java.util.function.Function<String, java.util.concurrent.CompletableFuture<?>> collect = k -> {
      due.add(k);
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    };
    var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    new RosterExpiry(RosterExpiry.of(hub.hub().streams().unwrap()), collect, Duration.ofDays(1), registry)
        .expire(java.time.Instant.now());
    assertThat(due).as("uploaded just now").doesNotContain(key);
    new RosterExpiry(RosterExpiry.of(hub.hub().streams().unwrap()), collect, Duration.ofDays(1), registry)
        .expire(java.time.Instant.now().plus(Duration.ofDays(2)));
    assertThat(due).as("two days later, past a one-day retention").contains(key);
  }

  /** The demo's appeal of 101 from FS, registered at Inspera, decided there and closed in FS; plus a roster entry. */
  private static void fullAppealFlow(CaseQueries cases, Operator operator) {
    assertThat(operator.put("/api/roster/demo/" + EXAM, """
        {"candidates": [
          {"candidateId": "101", "accessCode": "a-1", "name": "Erasa Candidate", "email": "erasa@uni.invalid",
           "photoUrl": "https://uni.invalid/photos/erasa.jpg"},
          {"candidateId": "other-1", "accessCode": "a-2", "name": "Stays Here", "email": "stays@uni.invalid"}]}
        """).statusCode()).isEqualTo(200);
    Eventually.holds(Duration.ofSeconds(60), () -> cases.find(CASE)
        .map(s -> s.ids().candidateUserId() != null).orElse(false));
    String body = "{\"contextObjectId\": " + InsperaDemoTests.EXAM_TEST + ", \"event\": \"appeal_decision\", "
        + "\"associatedObjectId\": 5001101, \"associatedObjectType\": \"user\", \"timestamp\": \"2026-11-25T10:00:00Z\"}";
    Http.post(hub.baseUrl() + "/webhooks/inspera/demo", body, Map.of("Content-Type", "application/json",
        InsperaSignature.HEADER, InsperaSignature.sign(hub.insperaSecret(), body.getBytes(StandardCharsets.UTF_8))));
    Eventually.holds(Duration.ofSeconds(60), () -> cases.find(CASE)
        .map(s -> s.appeal().status() == CaseState.AppealStatus.CLOSED).orElse(false));
    Eventually.holds(Duration.ofSeconds(30), () -> RosterStore.of(hub.hub().streams().unwrap())
        .allOfExam("demo", EXAM).size() == 2);
  }

  private static List<String> tracesInStores(CaseQueries cases) {
    List<String> found = new ArrayList<>();
    cases.all().forEach(s -> collect("case-store", s.caseKey(), Json.string(s), found));
    for (String store : List.of("inspera-candidate-links-store", "held-exam-events-store")) {
      ReadOnlyKeyValueStore<String, Object> s = hub.hub().streams().unwrap()
          .store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
      try (var it = s.all()) {
        it.forEachRemaining(kv -> collect(store, kv.key, Json.string(kv.value), found));
      }
    }
    RosterStore.of(hub.hub().streams().unwrap()).allOfInstitution("demo")
        .forEach(e -> collect("roster-store", e.key(), Json.string(e), found));
    return found;
  }

  private static List<String> tracesInCompactedTopics() {
    List<String> found = new ArrayList<>();
    for (String topic : List.of(Topics.ROSTER.name(), APP_ID + "-case-store-changelog",
        APP_ID + "-inspera-candidate-links-store-changelog", APP_ID + "-held-exam-events-store-changelog")) {
      KeyedTopicReader.latestValues(hub.hub().bootstrapServers(), topic).forEach((key, value) -> {
        if (value != null) {
          collect(topic, key, value, found);
        }
      });
    }
    return found;
  }

  private static List<String> tracesInMongo() {
    List<String> found = new ArrayList<>();
    try (MongoClient client = MongoClients.create(hub.mongoUri())) {
      MongoDatabase db = client.getDatabase("examhub");
      for (String name : db.listCollectionNames()) {
        for (Document d : db.getCollection(name).find()) {
          collect(name, "", d.toJson(), found);
        }
      }
    }
    return found;
  }

  private static Document erasureAudit(String erasureId) {
    try (MongoClient client = MongoClients.create(hub.mongoUri())) {
      return client.getDatabase("examhub").getCollection("audit_log")
          .find(Filters.and(Filters.eq("submodule", "erasure"), Filters.eq("erasureId", erasureId))).first();
    }
  }

  /** What erasure cannot rewrite, an append-only log, forgets by retention: at most 30 days. */
  private static void assertEveryOtherTopicForgetsWithinItsRetention() throws Exception {
    try (Admin admin = Admin.create(KafkaSettings.admin(hub.hub().bootstrapServers()))) {
      for (Topic<?, ?> t : Topics.all()) {
        Config c = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, t.name())))
            .all().get().values().iterator().next();
        String policy = c.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
          assertThat(Long.parseLong(c.get(TopicConfig.RETENTION_MS_CONFIG).value())).as(t.name())
              .isPositive().isLessThanOrEqualTo(Duration.ofDays(30).toMillis());
        } else {
          assertThat(Long.parseLong(c.get(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG).value())).as(t.name())
              .isLessThanOrEqualTo(Duration.ofDays(7).toMillis());
        }
      }
    }
  }

  private static void collect(String where, String key, String value, List<String> found) {
    for (Pattern p : TRACES) {
      if (p.matcher(key == null ? "" : key).find() || p.matcher(value).find()) {
        found.add(where + " " + key + ": " + value.substring(0, Math.min(300, value.length())));
        return;
      }
    }
  }
}
