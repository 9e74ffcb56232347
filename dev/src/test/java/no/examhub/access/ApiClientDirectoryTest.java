package no.examhub.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.testing.Eventually;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A revoked token stops working within one scheduled refresh, whatever else the collection
 * holds; and the institutions an operator document names are what the client may access.
 */
class ApiClientDirectoryTest {
  private static final Duration REFRESH = Duration.ofMillis(200);
  private EmbeddedMongo mongo;
  private MongoClient client;
  private MongoDatabase database;
  private ApiClientRepository clients;

  @BeforeEach
  void start() {
    mongo = EmbeddedMongo.inMemory();
    client = MongoClients.create(mongo.uri());
    database = client.getDatabase("examhub");
    clients = new ApiClientRepository(database);
  }

  @AfterEach
  void stop() {
    client.close();
    mongo.close();
  }

  @Test
  void aDeletedTokenStopsWorkingWithinOneScheduledRefresh() {
    clients.save(new ApiClient("operator", Hmac.sha256Hex("token-1"), Set.of(Scopes.ADMIN), null, "test"));
    try (ApiClientDirectory directory = new ApiClientDirectory(clients, REFRESH)) {
      assertThat(directory.byToken("token-1")).isPresent();

      database.getCollection(ApiClientRepository.COLLECTION).deleteOne(Filters.eq("_id", "operator"));

      Eventually.holds(REFRESH.multipliedBy(5), () -> directory.byToken("token-1").isEmpty());
    }
  }

  @Test
  void aClientWithoutATokenHashIsSkippedAndDoesNotFreezeTheLastSnapshot() {
    clients.save(new ApiClient("operator", Hmac.sha256Hex("token-1"), Set.of(Scopes.ADMIN), null, "test"));
    clients.save(new ApiClient("other", Hmac.sha256Hex("token-2"), Set.of(Scopes.ADMIN), null, "test"));
    try (ApiClientDirectory directory = new ApiClientDirectory(clients, REFRESH)) {
      // Hand-written in mongosh, without its tokenHash: before, every refresh after it failed
      // (a null key in the snapshot), so the last snapshot, deleted tokens included, lived on.
      database.getCollection(ApiClientRepository.COLLECTION).insertOne(new Document("_id", "half")
          .append("clientId", "half").append("scopes", List.of(Scopes.ADMIN)));
      database.getCollection(ApiClientRepository.COLLECTION).deleteOne(Filters.eq("_id", "operator"));

      Eventually.holds(REFRESH.multipliedBy(5), () -> directory.byToken("token-1").isEmpty());
      assertThat(directory.byToken("token-2")).isPresent();
    }
  }

  @Test
  void anOperatorDocumentNamesTheInstitutionsItMayAccessAndWithoutThemAll() {
    database.getCollection(ApiClientRepository.COLLECTION).insertMany(List.of(
        new Document("_id", "uio-operator").append("clientId", "uio-operator").append("tokenHash", Hmac.sha256Hex("u"))
            .append("scopes", List.of(Scopes.ADMIN)).append("institutions", List.of("uio", "uib")),
        new Document("_id", "platform").append("clientId", "platform").append("tokenHash", Hmac.sha256Hex("p"))
            .append("scopes", List.of(Scopes.ADMIN)),
        new Document("_id", "nobody").append("clientId", "nobody").append("tokenHash", Hmac.sha256Hex("n"))
            .append("scopes", List.of(Scopes.ADMIN)).append("institutions", List.of())));
    try (ApiClientDirectory directory = new ApiClientDirectory(clients, Duration.ofHours(1))) {
      ApiClient scoped = directory.byToken("u").orElseThrow();
      ApiClient platform = directory.byToken("p").orElseThrow();
      ApiClient nobody = directory.byToken("n").orElseThrow();

      assertThat(scoped.mayAccess("uio")).isTrue();
      assertThat(scoped.mayAccess("uib")).isTrue();
      assertThat(scoped.mayAccess("ntnu")).isFalse();
      assertThat(scoped.mayAccess("UIO")).as("short names are exact").isFalse();
      assertThat(scoped.mayAccess(null)).isFalse();
      assertThat(platform.allInstitutions()).isTrue();
      assertThat(platform.mayAccess("ntnu")).isTrue();
      assertThat(nobody.mayAccess("uio")).as("an empty list is no institution, not all").isFalse();
    }
  }

  @Test
  void aSavedScopedClientReadsBackWithItsInstitutions() {
    clients.save(new ApiClient("ntnu-operator", Hmac.sha256Hex("t"), Set.of(Scopes.ADMIN), null, "x", Set.of("ntnu")));
    clients.save(new ApiClient("platform", Hmac.sha256Hex("p"), Set.of(Scopes.ADMIN), null, "x"));

    assertThat(clients.find("ntnu-operator").orElseThrow().institutions()).containsExactly("ntnu");
    assertThat(clients.find("platform").orElseThrow().institutions()).isNull();
  }
}
