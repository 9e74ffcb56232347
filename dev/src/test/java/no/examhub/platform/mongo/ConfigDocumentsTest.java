package no.examhub.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.Set;
import no.examhub.access.ApiClient;
import no.examhub.access.ApiClientDirectory;
import no.examhub.access.ApiClientRepository;
import no.examhub.event.ExamSystem;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionRepository;
import no.examhub.platform.crypto.Hmac;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A malformed configuration document is skipped, and does not stop every refresh after it. */
class ConfigDocumentsTest {
  private EmbeddedMongo mongo;
  private MongoClient client;
  private MongoDatabase database;

  @BeforeEach
  void start() {
    mongo = EmbeddedMongo.inMemory();
    client = MongoClients.create(mongo.uri());
    database = client.getDatabase("examhub");
  }

  @AfterEach
  void stop() {
    client.close();
    mongo.close();
  }

  @Test
  void oneMalformedInstitutionIsSkippedAndTheOthersStillLoad() {
    InstitutionRepository institutions = new InstitutionRepository(database);
    institutions.save(new Institution("uio", "185", "185", ExamSystem.INSPERA, "uio", "prod", true, true, true, "",
        null, null));
    database.getCollection("institutions").insertOne(new Document("_id", "broken").append("shortName", "Not Valid!")
        .append("examSystem", "NO_SUCH_SYSTEM"));

    assertThat(institutions.findAll()).extracting(Institution::shortName).containsExactly("uio");
  }

  @Test
  void aDeletedTokenStopsWorkingWithinOneRefreshEvenBesideAMalformedClient() {
    ApiClientRepository clients = new ApiClientRepository(database);
    clients.save(new ApiClient("operator", Hmac.sha256Hex("token-1"), Set.of("admin"), null, "test"));
    database.getCollection("api_clients").insertOne(new Document("_id", "broken").append("scopes", "not-a-list"));
    try (ApiClientDirectory directory = new ApiClientDirectory(clients, Duration.ofHours(1))) {
      assertThat(directory.byToken("token-1")).isPresent();

      database.getCollection("api_clients").deleteOne(Filters.eq("_id", "operator"));
      directory.refresh();

      assertThat(directory.byToken("token-1")).isEmpty();
    }
  }
}
