package no.examhub.dispatch;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import no.examhub.event.Command;
import org.bson.Document;

/**
 * One document per attempt, with seed 003's audit fields (env, orgId, examSys, vurdId, kandidatnr,
 * submodule, flowId/testId, success, errorMessage, errorCode, attempt) and the command id.
 * Commands carry no person number (FS records keep only its hash), so none can reach the log.
 */
final class AuditLog {
  static final String COLLECTION = "audit_log";

  private final MongoCollection<Document> collection;
  private final String environment;

  AuditLog(MongoDatabase database, String environment) {
    this.collection = database.getCollection(COLLECTION);
    this.environment = environment;
  }

  String environment() {
    return environment;
  }

  void attempt(Command c, int attempt, boolean success, String errorCode, String errorMessage, Instant at) {
    collection.insertOne(new Document("env", environment)
        .append("orgId", c.institution())
        .append("examSys", c.partner().id())
        .append("vurdId", field(c, "vurdId", "sisCode"))
        .append("kandidatnr", field(c, "kandidatnr", null))
        .append("submodule", c.operation())
        .append("flowId", field(c, "flowId", null))
        .append("testId", field(c, "testId", null))
        .append("success", success)
        .append("errorMessage", errorMessage)
        .append("errorCode", errorCode)
        .append("attempt", attempt)
        .append("commandId", c.commandId())
        .append("at", at.toString()));
  }

  private static String field(Command c, String name, String alternative) {
    return alternative == null ? c.payloadText(name) : c.payloadText(name, alternative);
  }
}
