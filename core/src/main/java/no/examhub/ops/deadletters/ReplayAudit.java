package no.examhub.ops.deadletters;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import no.examhub.event.Command;
import org.bson.Document;

/**
 * One {@code audit_log} document per replayed dead letter, beside dispatch's attempt documents
 * and with the same field names, {@code submodule: "replay"}, who replayed it and why.
 */
final class ReplayAudit {
  static final String COLLECTION = "audit_log";

  private final MongoCollection<Document> collection;
  private final String environment;

  ReplayAudit(MongoDatabase database, String environment) {
    this.collection = database.getCollection(COLLECTION);
    this.environment = environment;
  }

  void replayed(StoredDeadLetter d, String clientId, boolean forced, String operatorReason, Instant at) {
    write(d, clientId, forced, operatorReason, "replayed", true, null, at);
  }

  /** The case no longer wants the command: nothing was sent to the partner. */
  void refused(StoredDeadLetter d, String clientId, boolean forced, String operatorReason, String reason, Instant at) {
    write(d, clientId, forced, operatorReason, "refused", false, reason, at);
  }

  /** Sent through the topology, not decided within the operator's wait. */
  void pending(StoredDeadLetter d, String clientId, boolean forced, String operatorReason, Instant at) {
    write(d, clientId, forced, operatorReason, "pending", true, null, at);
  }

  private void write(StoredDeadLetter d, String clientId, boolean forced, String operatorReason, String decision, boolean success,
      String reason, Instant at) {
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
        .append("decision", decision)
        .append("reason", reason)
        // Why the operator replayed it (the console asks for it); the refusal's reason is "reason".
        .append("operatorReason", operatorReason)
        .append("success", success)
        .append("at", at.toString()));
  }
}
