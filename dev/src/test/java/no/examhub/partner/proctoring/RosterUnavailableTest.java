package no.examhub.partner.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.examhub.access.ApiClientDirectory;
import no.examhub.access.ApiClientRepository;
import no.examhub.access.BearerAuth;
import no.examhub.flow.proctoring.RosterStore;
import no.examhub.ingress.RawIngress;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.InstitutionRepository;
import no.examhub.platform.http.HttpServer;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.DemoData;
import no.examhub.testing.Http;
import no.examhub.testing.TestKafka;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** While the roster store is rebalancing or restoring, the vendor is asked to retry: 503 with Retry-After. */
class RosterUnavailableTest {
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
  private static EmbeddedMongo mongo;
  private static MongoClient mongoClient;
  private static InstitutionDirectory institutions;
  private static ApiClientDirectory clients;
  private static DurableProducer producer;
  private static Javalin server;
  private static DemoData.Credentials demo;

  @BeforeAll
  static void start() {
    mongo = EmbeddedMongo.inMemory();
    mongoClient = MongoClients.create(mongo.uri());
    MongoDatabase database = mongoClient.getDatabase("roster-unavailable");
    demo = DemoData.seed(database);
    institutions = new InstitutionDirectory(new InstitutionRepository(database), Duration.ofHours(1));
    clients = new ApiClientDirectory(new ApiClientRepository(database), Duration.ofHours(1));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    producer = new DurableProducer(TestKafka.bootstrapServers(), "roster-unavailable", 5000, registry);
    RosterStore rebalancing = new RosterStore(() -> {
      throw new InvalidStateStoreException("the store is migrating");
    });
    server = HttpServer.create(1 << 20, registry, List.of(
        new ProctoringWebhookRoutes(institutions, new RawIngress(producer, ACK_TIMEOUT, registry, Clock.systemUTC()),
            rebalancing, new AccessCodeKey("unavailable-".repeat(3)), 5, Duration.ofMinutes(15), producer, ACK_TIMEOUT,
            registry, Clock.systemUTC()),
        new RosterUploadRoutes(new BearerAuth(clients, Clock.systemUTC()), institutions, rebalancing,
            new AccessCodeKey("unavailable-".repeat(3)), producer, ACK_TIMEOUT)));
    server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.stop();
    producer.close();
    institutions.close();
    clients.close();
    mongoClient.close();
    mongo.close();
  }

  @Test
  void verificationWhileTheRosterIsNotQueryableIsRetriedLater() {
    HttpResponse<String> answer = Http.post(base() + "/webhooks/proctoring/demo",
        ProctoringHub.verify("demo-exam-1", "10001", "demo-access-1", "en"),
        Map.of("x-client-id", demo.proctoringClientId(), "x-client-secret", demo.proctoringClientSecret()));

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).contains("\"errorCode\":\"70503\"").doesNotContain("metadata", "errorMessage");
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void uploadWhileTheRosterIsNotQueryableIsRetriedLater() {
    HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create(base() + "/api/roster/demo/demo-exam-1"))
        .header("Authorization", "Bearer " + demo.adminToken())
        .PUT(HttpRequest.BodyPublishers.ofString(ProctoringHub.roster("10001", "x")))
        .build());

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
  }

  private static String base() {
    return "http://127.0.0.1:" + server.port();
  }
}
