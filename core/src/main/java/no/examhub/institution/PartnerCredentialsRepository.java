package no.examhub.institution;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.examhub.event.Partner;
import no.examhub.platform.mongo.RefreshingSnapshot;
import no.examhub.platform.mongo.ConfigDocuments;
import org.bson.Document;

/**
 * Partner credentials per institution, from {@code partner_credentials}, served from a snapshot
 * re-read every {@code refresh} so a dispatch call never waits on the store, and a rotated secret
 * takes effect without a restart.
 */
public final class PartnerCredentialsRepository implements AutoCloseable {
  static final String COLLECTION = "partner_credentials";

  private final MongoCollection<Document> collection;
  private final RefreshingSnapshot<String, PartnerCredentials> snapshot;

  public PartnerCredentialsRepository(MongoDatabase database, Duration refresh) {
    this.collection = database.getCollection(COLLECTION);
    this.snapshot = new RefreshingSnapshot<>("partner-credentials", this::loadAll, refresh);
  }

  public Optional<PartnerCredentials> find(String institution, Partner partner) {
    return Optional.ofNullable(snapshot.get().get(institution + "/" + partner.id()));
  }

  /** Writes (or replaces) one institution's credentials for a partner; seen at once by this instance. */
  public void save(PartnerCredentials credentials) {
    Document doc = new Document("_id", credentials.id())
        .append("institution", credentials.institution())
        .append("partner", credentials.partner().name())
        .append("username", credentials.username())
        .append("secret", credentials.secret());
    collection.replaceOne(Filters.eq("_id", credentials.id()), doc, new ReplaceOptions().upsert(true));
    snapshot.refresh();
  }

  private Map<String, PartnerCredentials> loadAll() {
    Map<String, PartnerCredentials> all = new HashMap<>();
    ConfigDocuments.readEach(collection, d -> new PartnerCredentials(d.getString("institution"),
        Partner.valueOf(d.getString("partner")), d.getString("username"), d.getString("secret")))
        .forEach(c -> all.put(c.id(), c));
    return all;
  }

  @Override
  public void close() {
    snapshot.close();
  }
}
