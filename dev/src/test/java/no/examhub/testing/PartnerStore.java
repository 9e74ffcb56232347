package no.examhub.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.platform.mongo.EmbeddedMongo;

/**
 * The store a partner handler test reads its institutions and partner accounts from: in memory,
 * with the repositories and the directory Examhub builds over it. Save the institutions first, then
 * ask for {@link #institutions()} (its snapshot is read when it is built); close it after the test.
 */
public final class PartnerStore implements AutoCloseable {
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final MongoClient client = MongoClients.create(mongo.uri());
  private final MongoDatabase database = client.getDatabase("examhub");
  private final PartnerCredentialsRepository credentials = new PartnerCredentialsRepository(database,
      Duration.ofMinutes(1));
  private InstitutionDirectory institutions;

  public MongoDatabase database() {
    return database;
  }

  public InstitutionRepository repository() {
    return new InstitutionRepository(database);
  }

  public PartnerCredentialsRepository credentials() {
    return credentials;
  }

  /** The directory over what was saved so far (refreshed each minute, as Examhub's by default). */
  public synchronized InstitutionDirectory institutions() {
    if (institutions == null) {
      institutions = new InstitutionDirectory(repository(), Duration.ofMinutes(1));
    }
    return institutions;
  }

  @Override
  public synchronized void close() {
    if (institutions != null) {
      institutions.close();
    }
    credentials.close();
    client.close();
    mongo.close();
  }
}
