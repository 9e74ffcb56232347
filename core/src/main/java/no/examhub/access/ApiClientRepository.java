package no.examhub.access;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.List;
import java.util.Optional;
import no.examhub.platform.json.Json;
import no.examhub.platform.mongo.ConfigDocuments;
import org.bson.Document;

/** Bearer-token clients in MongoDB, one document per client with its id as {@code _id}. */
public final class ApiClientRepository {
  static final String COLLECTION = "api_clients";

  private final MongoCollection<Document> collection;

  public ApiClientRepository(MongoDatabase database) {
    this.collection = database.getCollection(COLLECTION);
  }

  public List<ApiClient> findAll() {
    return ConfigDocuments.readEach(collection, doc -> {
      doc.remove("_id");
      ApiClient client = Json.read(doc.toJson(), ApiClient.class);
      // Skipped like any malformed document: as a null key it would fail every refresh after it,
      // and the last snapshot, revoked tokens included, would live on.
      if (client.clientId() == null || client.tokenHash() == null || client.tokenHash().isBlank()) {
        throw new IllegalArgumentException("a client needs clientId and tokenHash");
      }
      return client;
    });
  }

  public Optional<ApiClient> find(String clientId) {
    return findAll().stream().filter(c -> c.clientId().equals(clientId)).findFirst();
  }

  public void save(ApiClient client) {
    Document doc = Document.parse(Json.string(client)).append("_id", client.clientId());
    collection.replaceOne(Filters.eq("_id", client.clientId()), doc, new ReplaceOptions().upsert(true));
  }
}
