package no.examhub.ops.privacy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.examhub.platform.json.Json;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The MongoDB side of an erasure, as pseudonymisation: the audit trail keeps its shape (which
 * command ran when, with what result code) but the candidate number becomes the erasure marker,
 * and the partner's answers recorded for that candidate's commands are replaced by the marker.
 * {@code command_executions} keeps its {@code _id}s, so an erased command is still never carried
 * out twice. {@code webhook_deliveries} holds only command ids and subscribers: nothing to erase.
 */
final class MongoErasure {
  static final String AUDIT_LOG = "audit_log";
  static final String EXECUTIONS = "command_executions";

  private final MongoDatabase database;

  MongoErasure(MongoDatabase database) {
    this.database = database;
  }

  record Counts(long auditEntries, long executions) {}

  Counts erase(String institution, String kandidatnr, String marker) {
    Bson candidate = Filters.and(Filters.eq("orgId", institution), Filters.eq("kandidatnr", kandidatnr));
    List<String> commandIds = new ArrayList<>();
    for (Document d : database.getCollection(AUDIT_LOG).find(candidate).projection(Projections.include("commandId"))) {
      if (d.getString("commandId") != null) {
        commandIds.add(d.getString("commandId"));
      }
    }
    long audit = database.getCollection(AUDIT_LOG).updateMany(candidate, Updates.set("kandidatnr", marker))
        .getModifiedCount();
    long executions = commandIds.isEmpty() ? 0 : database.getCollection(EXECUTIONS).updateMany(
        Filters.and(Filters.in("_id", commandIds), Filters.eq("institution", institution)),
        Updates.set("result", Json.string(Map.of("erased", marker)))).getModifiedCount();
    return new Counts(audit, executions);
  }
}
