package no.examhub.dispatch;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.Optional;
import no.examhub.event.Command;
import no.examhub.event.Result;
import no.examhub.platform.json.Json;
import org.bson.Document;

/**
 * The record that a command was carried out, by command id ({@code _id}, unique), written as soon
 * as the partner has answered. Checked before every call: a command that was carried out is never
 * carried out again, whatever Kafka redelivers.
 */
final class Executions {
  static final String COLLECTION = "command_executions";
  static final String APPLIED = "applied";
  static final String RESULT_UNKNOWN = "applied-result-unknown";

  /** A recorded execution; {@code resultUnknown} when the partner's answer could not be read. */
  record Execution(Result result, boolean resultUnknown, String errorCode, String reason) {}

  private final MongoCollection<Document> collection;

  Executions(MongoDatabase database) {
    this.collection = database.getCollection(COLLECTION);
  }

  /** What was recorded of the command, if it was carried out; the result is read as its operation's record. */
  Optional<Execution> resultOf(Command command) {
    Document doc = collection.find(Filters.eq("_id", command.commandId())).first();
    return Optional.ofNullable(doc).map(d -> new Execution(result(command, d.getString("result")),
        RESULT_UNKNOWN.equals(d.getString("status")), d.getString("errorCode"), d.getString("reason")));
  }

  private static Result result(Command command, String json) {
    Class<? extends Result> type = Result.typeOf(command.partner(), command.operation());
    return json == null || type == null ? null : Json.read(json, type);
  }

  /** A second record of the same command (a redelivery racing the first) is the same fact: fine. */
  void record(Command command, Result result, Instant at) {
    insert(document(command, result, at).append("status", APPLIED));
  }

  /**
   * The partner applied the command but its answer could not be read: carried out all the same, so
   * neither a redelivery nor a replay calls it again. Someone must look at the partner's side.
   */
  void recordUnknown(Command command, PartnerFailure why, Instant at) {
    insert(document(command, why.known(), at).append("status", RESULT_UNKNOWN)
        .append("errorCode", why.code()).append("reason", why.getMessage()));
  }

  private static Document document(Command command, Result result, Instant at) {
    return new Document("_id", command.commandId())
        .append("partner", command.partner().id())
        .append("operation", command.operation())
        .append("institution", command.institution())
        .append("result", result == null ? "{}" : Json.string(result))
        .append("at", at.toString());
  }

  private void insert(Document doc) {
    try {
      collection.insertOne(doc);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
  }
}
