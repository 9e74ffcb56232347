package no.examhub.partner.fs;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.InstitutionRepository;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.fs.FsSimulator;
import no.examhub.testing.TestKafka;

/**
 * What an FS poller test runs against: FS's simulator over HTTP with one FSWS user, one institution
 * in an in-memory store and its directory, the FS topics (and dead letters) on the test broker, and
 * a producer to them. A test makes one per test and closes it.
 */
final class FsPollerFixture implements AutoCloseable {
  final FsSimulator fs = new FsSimulator(FsSimulator.TEST);
  final String bootstrap = TestKafka.bootstrapServers();
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final MongoClient mongoClient = MongoClients.create(mongo.uri());
  final MongoDatabase database = mongoClient.getDatabase("examhub");
  final FsServer server;
  final InstitutionDirectory institutions;
  final DurableProducer producer;

  /** @param fsUser the FSWS user FS's simulator knows for the institution's number */
  FsPollerFixture(Institution institution, String fsUser, String fsPassword, String producerId) {
    fs.addUser(fsUser, fsPassword, institution.institutionNumber());
    server = FsServer.start(fs);
    TestKafka.withTopics(List.of(Topics.FS_APPEALS, Topics.FS_EXPLANATION_REQUESTS, Topics.DEAD_LETTERS));
    new InstitutionRepository(database).save(institution);
    institutions = new InstitutionDirectory(new InstitutionRepository(database), Duration.ofMinutes(1));
    producer = new DurableProducer(bootstrap, producerId, 5_000, new SimpleMeterRegistry());
  }

  @Override
  public void close() {
    producer.close();
    institutions.close();
    server.close();
    mongoClient.close();
    mongo.close();
  }
}
