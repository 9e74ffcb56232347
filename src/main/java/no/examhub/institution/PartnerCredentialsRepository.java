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
import org.bson.Document;

/**
 * The partner credentials of every institution, read from {@code partner_credentials} into a
 * snapshot refreshed every {@code EXAMHUB_CONFIG_REFRESH}: a dispatch call never waits on the
 * store, and a rotated secret takes effect without a restart.
 */
public final class PartnerCredentialsRepository implements AutoCloseable {
  static final String COLLECTION = "partner_credentials";

  private final MongoCollection<Document> collection;
  private final RefreshingSnapshot<String, PartnerCredentials> snapshot;

  public PartnerCredentialsRepository(MongoDatabase database, Duration refreshInterval) {
    this.collection = database.getCollection(COLLECTION);
    this.snapshot = new RefreshingSnapshot<>("partner-credentials", this::loadAll, refreshInterval);
  }

  public Optional<PartnerCredentials> find(String institution, Partner partner) {
    return Optional.ofNullable(snapshot.get().get(id(institution, partner)));
  }

  /** Stores (or replaces) one institution's credentials for one partner; seen at once by this instance. */
  public void save(PartnerCredentials credentials) {
    String id = id(credentials.institution(), credentials.partner());
    Document doc = new Document("_id", id)
        .append("institution", credentials.institution())
        .append("partner", credentials.partner().name())
        .append("username", credentials.username())
        .append("secret", credentials.secret());
    collection.replaceOne(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true));
    snapshot.refresh();
  }

  private Map<String, PartnerCredentials> loadAll() {
    Map<String, PartnerCredentials> all = new HashMap<>();
    for (Document d : collection.find()) {
      PartnerCredentials c = new PartnerCredentials(d.getString("institution"),
          Partner.valueOf(d.getString("partner")), d.getString("username"), d.getString("secret"));
      all.put(id(c.institution(), c.partner()), c);
    }
    return all;
  }

  static String id(String institution, Partner partner) {
    return institution + "/" + partner.id();
  }

  @Override
  public void close() {
    snapshot.close();
  }
}
