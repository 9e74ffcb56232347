package no.examhub.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.Optional;
import no.examhub.event.Command;
import no.examhub.platform.json.Json;
import org.bson.Document;

/**
 * The record that a command was carried out, by command id ({@code _id}, unique), written as soon
 * as the partner has answered. Checked before every call: a command that was carried out is never
 * carried out again, whatever Kafka redelivers.
 */
final class Executions {
  static final String COLLECTION = "command_executions";

  private final MongoCollection<Document> collection;

  Executions(MongoDatabase database) {
    this.collection = database.getCollection(COLLECTION);
  }

  Optional<JsonNode> resultOf(String commandId) {
    Document doc = collection.find(Filters.eq("_id", commandId)).first();
    return Optional.ofNullable(doc).map(d -> Json.tree(d.getString("result").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** A second record of the same command (a redelivery racing the first) is the same fact: fine. */
  void record(Command command, JsonNode result, Instant at) {
    Document doc = new Document("_id", command.commandId())
        .append("partner", command.partner().id())
        .append("operation", command.operation())
        .append("institution", command.institution())
        .append("result", Json.string(result))
        .append("at", at.toString());
    try {
      collection.insertOne(doc);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
  }
}
