package no.examhub.ops.alerts;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import no.examhub.platform.mongo.ConfigDocuments;
import org.bson.Document;

/**
 * The blacklist rules, read afresh at every aggregated message (at most one a minute), so a rule
 * an operator adds holds from the next message on, with no cache to wait for.
 */
final class SlackBlacklist {
  static final String COLLECTION = "slack_blacklists";

  private final MongoCollection<Document> collection;

  SlackBlacklist(MongoDatabase database) {
    this.collection = database.getCollection(COLLECTION);
  }

  List<BlacklistRule> rules() {
    return ConfigDocuments.readEach(collection, d -> new BlacklistRule(text(d, "institution"), text(d, "module"),
        text(d, "submodule"), text(d, "errorCode"), text(d, "reason")));
  }

  /** An operator may well write {@code "errorCode": 503} as a number. */
  private static String text(Document d, String field) {
    Object v = d.get(field);
    return v == null ? null : v.toString();
  }
}
