package no.examhub.partner.metrica;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.examhub.platform.mongo.RefreshingSnapshot;
import no.examhub.platform.mongo.ConfigDocuments;
import org.bson.Document;

/**
 * The subscribed test players, read from {@code webhook_subscribers} into a snapshot refreshed on
 * the configuration interval: a delivery never waits on the database, and a new subscriber takes
 * effect without a restart.
 */
public final class WebhookSubscribers implements AutoCloseable {
  public static final String COLLECTION = "webhook_subscribers";

  private final MongoCollection<Document> collection;
  private final RefreshingSnapshot<String, WebhookSubscriber> snapshot;

  public WebhookSubscribers(MongoDatabase database, Duration refresh) {
    this.collection = database.getCollection(COLLECTION);
    this.snapshot = new RefreshingSnapshot<>(COLLECTION, this::load, refresh);
  }

  /** Every subscriber that wants this kind, by name, so deliveries go out in a stable order. */
  List<WebhookSubscriber> wanting(String kind) {
    List<WebhookSubscriber> found = new ArrayList<>();
    new TreeMap<>(snapshot.get()).values().forEach(s -> {
      if (s.wants(kind)) {
        found.add(s);
      }
    });
    return found;
  }

  /** Adds or replaces a subscriber, and re-reads so it counts at once. */
  public void save(WebhookSubscriber s) {
    Document doc = new Document("_id", s.name()).append("url", s.url()).append("secret", s.secret())
        .append("kinds", new ArrayList<>(s.kinds()));
    collection.replaceOne(Filters.eq("_id", s.name()), doc, new ReplaceOptions().upsert(true));
    snapshot.refresh();
  }

  private Map<String, WebhookSubscriber> load() {
    Map<String, WebhookSubscriber> all = new TreeMap<>();
    ConfigDocuments.readEach(collection, d -> new WebhookSubscriber(d.getString("_id"), d.getString("url"),
        d.getString("secret"), new HashSet<>(d.getList("kinds", String.class, List.of()))))
        .forEach(s -> all.put(s.name(), s));
    return all;
  }

  @Override
  public void close() {
    snapshot.close();
  }
}
