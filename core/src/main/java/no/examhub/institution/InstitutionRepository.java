package no.examhub.institution;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.List;
import java.util.Optional;
import no.examhub.platform.json.Json;
import no.examhub.platform.mongo.ConfigDocuments;
import org.bson.Document;

/** Institution configuration in MongoDB, one document per institution with its short name as id. */
public final class InstitutionRepository {
  static final String COLLECTION = "institutions";

  private final MongoCollection<Document> collection;

  public InstitutionRepository(MongoDatabase database) {
    this.collection = database.getCollection(COLLECTION);
  }

  public List<Institution> findAll() {
    return ConfigDocuments.readEach(collection, InstitutionRepository::fromDocument);
  }

  public Optional<Institution> find(String shortName) {
    return Optional.ofNullable(collection.find(Filters.eq("_id", shortName)).first())
        .map(InstitutionRepository::fromDocument);
  }

  public void save(Institution institution) {
    Document doc = Document.parse(Json.string(institution)).append("_id", institution.shortName());
    collection.replaceOne(Filters.eq("_id", institution.shortName()), doc, new ReplaceOptions().upsert(true));
  }

  private static Institution fromDocument(Document doc) {
    doc.remove("_id");
    return Json.read(doc.toJson(), Institution.class);
  }
}
