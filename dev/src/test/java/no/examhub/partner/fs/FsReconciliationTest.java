package no.examhub.partner.fs;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.InstitutionRepository;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.kafka.KafkaSettings;
import no.examhub.platform.kafka.TopicCreator;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.fs.FsSimulator;
import no.examhub.testing.TestKafka;
import no.examhub.testing.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciliation pass re-reads exams with open cases in full, whatever the watermarks say. */
class FsReconciliationTest {
  private static final Duration WITHIN = Duration.ofSeconds(20);

  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final MongoClient mongoClient = MongoClients.create(mongo.uri());
  private final FsSimulator fs = new FsSimulator(FsSimulator.TEST);
  private final String vurdId = "REC-" + UUID.randomUUID();
  private final String bootstrap = TestKafka.bootstrapServers();
  private FsServer fsServer;
  private InstitutionDirectory institutions;
  private DurableProducer producer;

  @BeforeEach
  void start() {
    fs.addUser("rec-fsws", "rec-password", "7777");
    fsServer = FsServer.start(fs);
    try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
      new TopicCreator(admin, 3, (short) 1).ensure(List.of(Topics.FS_APPEALS, Topics.FS_EXPLANATION_REQUESTS));
    }
    MongoDatabase database = mongoClient.getDatabase("examhub");
    new InstitutionRepository(database).save(new Institution("rec", "7777", "7777", ExamSystem.WISEFLOW,
        "rec", "test", true, true, true, "", null, null));
    institutions = new InstitutionDirectory(new InstitutionRepository(database), Duration.ofMinutes(1));
    producer = new DurableProducer(bootstrap, "fs-reconciliation-test", 5_000, new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    producer.close();
    institutions.close();
    fsServer.close();
    mongoClient.close();
    mongo.close();
  }

  @Test
  void openExamIsReReadThroughThePerExamEndpointsAndNoWatermarkMoves() {
    Instant longAgo = Instant.now().minus(Duration.ofDays(400));
    fs.putAppeal(ExamSystem.WISEFLOW, "7777", longAgo, Map.of("vurdId", vurdId, "kandidatnr", "5",
        "personlopenr", "9000005", "klagestatus", "AKTIV"));
    fs.putExplanationRequest(ExamSystem.WISEFLOW, "7777", longAgo, Map.of("vurdId", vurdId, "kandidatnr", "6"));
    FsWatermarks watermarks = new FsWatermarks(mongoClient.getDatabase("examhub"), new SimpleMeterRegistry(),
        Clock.systemUTC());
    FsPoller poller = new FsPoller(institution -> client(), institutions, producer, watermarks,
        () -> Set.of(new OpenExam("rec", vurdId), new OpenExam("unknown", "X")), Duration.ofDays(30),
        new SimpleMeterRegistry(), Clock.systemUTC());

    poller.reconcileOnce();

    assertThat(fs.requests()).extracting(FsSimulator.Request::path).containsExactlyInAnyOrder(
        "/fs/test/eksamen/klager/WISEFLOW/" + vurdId, "/fs/test/eksamen/begrunnelser/WISEFLOW/" + vurdId);
    assertThat(TopicReader.readUntil(bootstrap, Topics.FS_APPEALS, a -> vurdId.equals(a.vurdId()), 1, WITHIN))
        .extracting(FsAppeal::caseKey).containsExactly("rec/" + vurdId + "/5");
    assertThat(TopicReader.readUntil(bootstrap, Topics.FS_EXPLANATION_REQUESTS, r -> vurdId.equals(r.vurdId()),
        1, WITHIN)).extracting(FsExplanationRequest::caseKey).containsExactly("rec/" + vurdId + "/6");
    assertThat(watermarks.get("rec", "klager")).isEmpty();
    poller.close();
  }

  private FsClient client() {
    return fsServer.client(FsSimulator.TEST, "rec-fsws", "rec-password");
  }
}
