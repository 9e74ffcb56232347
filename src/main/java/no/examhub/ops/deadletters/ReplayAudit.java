package no.examhub.ops.deadletters;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import no.examhub.event.Command;
import org.bson.Document;

/**
 * One {@code audit_log} document per replayed dead letter, beside dispatch's attempt documents
 * and with the same field names, {@code submodule: "replay"}, and who replayed it.
 */
final class ReplayAudit {
  static final String COLLECTION = "audit_log";

  private final MongoCollection<Document> collection;
  private final String environment;

  ReplayAudit(MongoDatabase database, String environment) {
    this.collection = database.getCollection(COLLECTION);
    this.environment = environment;
  }

  void replayed(StoredDeadLetter d, String clientId, boolean forced, Instant at) {
    Command c = d.failed().command();
    collection.insertOne(new Document("env", environment)
        .append("orgId", c.institution())
        .append("examSys", c.partner().id())
        .append("submodule", "replay")
        .append("operation", c.operation())
        .append("clientId", clientId)
        .append("deadLetterId", d.id())
        .append("commandId", c.commandId())
        .append("errorCode", d.failed().errorCode())
        .append("forced", forced)
        .append("success", true)
        .append("at", at.toString()));
  }
}
