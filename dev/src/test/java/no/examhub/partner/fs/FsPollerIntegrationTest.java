package no.examhub.partner.fs;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.json.Json;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.fs.FsSimulator;
import no.examhub.simulator.fs.FsSimulator.Request;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.KeyedTopicReader;
import no.examhub.testing.TestHub;
import no.examhub.testing.TestKafka;
import no.examhub.testing.TopicReader;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FS poller of a whole Examhub on a real broker, against a scripted FS simulator of the test's
 * own and a store the test keeps, so a restarted hub finds its predecessor's watermarks. The demo
 * institution (institusjonsnr 9999, INSPERA) is the one polled.
 */
class FsPollerIntegrationTest {
  private static final String KLAGER = "/fs/test/eksamen/klager/INSPERA";
  private static final Duration WITHIN = Duration.ofSeconds(30);

  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final MongoClient mongoClient = MongoClients.create(mongo.uri());
  private final FsSimulator fs = new FsSimulator(FsSimulator.TEST);
  private final String vurdId = "IT-" + UUID.randomUUID();
  private FsServer fsServer;

  @BeforeEach
  void startFs() {
    // The demo's FSWS user, which DemoData stores as the demo institution's FS credentials.
    fs.addUser(FsSimulator.USERNAME, FsSimulator.PASSWORD, "9999");
    fs.addUser("broken-fsws", "broken-password", "8888");
    fsServer = FsServer.start(fs);
  }

  @AfterEach
  void stopFs() {
    fsServer.close();
    mongoClient.close();
    mongo.close();
  }

  @Test
  void polledRecordsLandOnTheirTopicsKeyedByCandidateCase() {
    fs.putAppeal(ExamSystem.INSPERA, "9999", Instant.now(), klage("1", "AKTIV"));
    fs.putExplanationRequest(ExamSystem.INSPERA, "9999", Instant.now(), Map.of("vurdId", vurdId,
        "kandidatnr", "2", "personlopenr", "9000002", "datoKlageMottat", "2026-11-20"));

    try (TestHub hub = startHub()) {
      List<Map.Entry<String, FsAppeal>> appeals = KeyedTopicReader.readUntil(hub.hub().bootstrapServers(),
          Topics.FS_APPEALS, a -> vurdId.equals(a.vurdId()), 1, WITHIN);
      List<Map.Entry<String, FsExplanationRequest>> requests = KeyedTopicReader.readUntil(
          hub.hub().bootstrapServers(), Topics.FS_EXPLANATION_REQUESTS, r -> vurdId.equals(r.vurdId()), 1, WITHIN);

      assertThat(appeals).isNotEmpty().allSatisfy(e -> {
        assertThat(e.getKey()).isEqualTo("demo/" + vurdId + "/1");
        assertThat(e.getValue().klagestatus()).isEqualTo(FsAppeal.ACTIVE);
        assertThat(Json.string(e.getValue())).doesNotContain("9000001", Hmac.sha256Hex("9000001"));
      });
      assertThat(requests).isNotEmpty().allSatisfy(e -> {
        assertThat(e.getKey()).isEqualTo("demo/" + vurdId + "/2");
        assertThat(e.getValue().examSystem()).isEqualTo(ExamSystem.INSPERA);
      });
      assertThat(Http.get(hub.baseUrl() + "/metrics").body())
          .contains("examhub_poller_records_total{endpoint=\"klager\"")
          .contains("examhub_poller_watermark_age_seconds{endpoint=\"begrunnelse\",env=\"local\",institution=\"demo\"}");
    }
  }

  @Test
  void withoutAnFsUrlTheHubPollsItsOwnSimulatorsDemoCases() {
    Instant startedAt = Instant.now();
    try (TestHub hub = TestHub.start()) {
      List<FsAppeal> demo = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.FS_APPEALS,
          a -> "DEMO-INF1000-2026H".equals(a.vurdId()) && !a.polledAt().isBefore(startedAt), 2, WITHIN);

      assertThat(demo).extracting(FsAppeal::klagestatus).contains(FsAppeal.ACTIVE, FsAppeal.WITHDRAWN);
    }
  }

  @Test
  void oneInstitutionRefusedByFsDoesNotStopTheOthers() {
    MongoDatabase database = mongoClient.getDatabase("examhub");
    new InstitutionRepository(database).save(new Institution("broken", "8888", "8888",
        ExamSystem.INSPERA, "broken", "test", true, true, false, "", null, null));
    try (PartnerCredentialsRepository credentials = new PartnerCredentialsRepository(database, Duration.ofHours(1))) {
      credentials.save(new PartnerCredentials("broken", Partner.FS, "broken-fsws", "a-rotated-away-password"));
    }
    fs.putAppeal(ExamSystem.INSPERA, "8888", Instant.now(), klage("1", "AKTIV"));
    fs.putAppeal(ExamSystem.INSPERA, "9999", Instant.now(), klage("1", "AKTIV"));

    try (TestHub hub = startHub()) {
      assertThat(TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.FS_APPEALS,
          a -> vurdId.equals(a.vurdId()), 1, WITHIN)).isNotEmpty().allSatisfy(a ->
          assertThat(a.institution()).isEqualTo("demo"));
      Eventually.holds(WITHIN, () -> Http.get(hub.baseUrl() + "/metrics").body()
          .matches("(?s).*examhub_poller_failures_total\\{endpoint=\"klager\"[^}]*} [1-9].*"));
      assertThat(fs.requests()).anySatisfy(r -> assertThat(r.status()).isEqualTo(401));
      assertThat(storedWatermark("broken/klager")).isEmpty();
      assertThat(storedWatermark("demo/klager")).isPresent();
    }
  }

  @Test
  void whileFsAnswers503TheWatermarkStaysAndTheNextPollAsksForTheSameWindow() {
    try (TestHub hub = startHub()) {
      Eventually.holds(WITHIN, () -> storedWatermark().isPresent());
      fs.failNext(Integer.MAX_VALUE);
      int outageStart = fs.requests().size();
      // Long enough that a watermark advanced by mistake would show as a later siden.
      Eventually.holds(WITHIN, () -> klagerSince(outageStart, 503).size() >= 5);
      Instant keptDuringOutage = storedWatermark().orElseThrow();
      fs.failNext(0);
      Eventually.holds(WITHIN, () -> !klagerSince(outageStart, 200).isEmpty());

      List<Request> failed = klagerSince(outageStart, 503);
      Request firstAfter = klagerSince(outageStart, 200).get(0);
      assertThat(failed.stream().map(Request::siden).collect(Collectors.toSet()))
          .containsExactly(firstAfter.siden());
      assertThat(firstAfter.siden()).isEqualTo(FsClient.siden(keptDuringOutage));
      assertThat(Http.get(hub.baseUrl() + "/metrics").body())
          .containsPattern("examhub_poller_failures_total\\{endpoint=\"klager\"[^}]*} [1-9]");
    }
  }

  @Test
  void aRestartedHubResumesFromTheStoredWatermarkAndFindsWhatChangedWhileItWasDown() {
    fs.putAppeal(ExamSystem.INSPERA, "9999", Instant.now(), klage("1", "AKTIV"));
    try (TestHub first = startHub()) {
      assertThat(TopicReader.readUntil(first.hub().bootstrapServers(), Topics.FS_APPEALS,
          a -> vurdId.equals(a.vurdId()), 1, WITHIN)).isNotEmpty();
      Eventually.holds(WITHIN, () -> storedWatermark().isPresent());
    }
    Instant stored = storedWatermark().orElseThrow();
    int restartAt = fs.requests().size();
    fs.putAppeal(ExamSystem.INSPERA, "9999", Instant.now(), klage("1", "TRUKKET"));

    try (TestHub second = startHub()) {
      Eventually.holds(WITHIN, () -> !klagerSince(restartAt, 200).isEmpty());

      assertThat(klagerSince(restartAt, 200).get(0).siden()).isEqualTo(FsClient.siden(stored));
      assertThat(TopicReader.readUntil(second.hub().bootstrapServers(), Topics.FS_APPEALS,
          a -> vurdId.equals(a.vurdId()) && FsAppeal.WITHDRAWN.equals(a.klagestatus()), 1, WITHIN)).isNotEmpty();
    }
  }

  private TestHub startHub() {
    Map<String, String> env = new HashMap<>();
    env.put("MONGODB_URI", mongo.uri());
    // The override may hold {fsEnv}: each institution still reaches its own environment's server.
    env.put("EXAMHUB_FS_URL", fsServer.root() + "/fs/{fsEnv}");
    env.put("EXAMHUB_FS_POLL_INTERVAL", "PT0.5S");
    return TestHub.start(TestKafka.bootstrapServers(), env);
  }

  private List<Request> klagerSince(int from, int status) {
    List<Request> all = fs.requests();
    return all.subList(from, all.size()).stream()
        .filter(r -> r.path().equals(KLAGER) && r.status() == status).toList();
  }

  private Optional<Instant> storedWatermark() {
    return storedWatermark("demo/klager");
  }

  private Optional<Instant> storedWatermark(String id) {
    Document doc = mongoClient.getDatabase("examhub").getCollection(FsWatermarks.COLLECTION)
        .find(Filters.eq("_id", id)).first();
    return Optional.ofNullable(doc).map(d -> d.getDate("siden").toInstant());
  }

  private Map<String, Object> klage(String kandidatnr, String klagestatus) {
    return Map.of("vurdId", vurdId, "kandidatnr", kandidatnr, "personlopenr", "900000" + kandidatnr,
        "fornavn", "Kari", "etternavn", "Nordmann", "klagestatus", klagestatus, "sensurfrist", "2026-12-15");
  }
}
