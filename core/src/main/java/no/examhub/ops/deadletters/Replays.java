package no.examhub.ops.deadletters;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.bson.Document;

/**
 * Which dead letters were replayed ({@code dead_letter_replays}, {@code _id} = the dead letter's
 * id). A replay claims its dead letter here before it publishes, and the unique {@code _id} makes
 * two operators replaying at once replay it once.
 */
final class Replays {
  static final String COLLECTION = "dead_letter_replays";

  private final MongoCollection<Document> collection;

  Replays(MongoDatabase database) {
    this.collection = database.getCollection(COLLECTION);
  }

  /** True when this call may replay it: first replay, or forced. */
  boolean claim(String deadLetterId, String commandId, String clientId, boolean force, Instant at) {
    Document doc = new Document("_id", deadLetterId).append("commandId", commandId).append("by", clientId)
        .append("at", at.toString()).append("count", 1);
    try {
      collection.insertOne(doc);
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
    if (!force) {
      return false;
    }
    collection.updateOne(Filters.eq("_id", deadLetterId),
        Updates.combine(Updates.set("by", clientId), Updates.set("at", at.toString()), Updates.inc("count", 1)));
    return true;
  }

  /** The publish failed: the dead letter was not replayed after all. */
  void release(String deadLetterId, boolean wasForced) {
    if (wasForced) {
      collection.updateOne(Filters.eq("_id", deadLetterId), Updates.inc("count", -1));
    } else {
      collection.deleteOne(Filters.eq("_id", deadLetterId));
    }
  }

  Set<String> replayedAmong(Collection<String> ids) {
    Set<String> replayed = new HashSet<>();
    for (Document d : collection.find(Filters.in("_id", ids))) {
      replayed.add(d.getString("_id"));
    }
    return replayed;
  }
}
