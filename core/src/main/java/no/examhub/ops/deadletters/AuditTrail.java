package no.examhub.ops.deadletters;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import no.examhub.platform.logging.Redaction;
import org.bson.Document;

/**
 * Reads {@code audit_log}: dispatch's attempt documents (dispatch/AuditLog) and the replays
 * ({@link ReplayAudit}), for one institution's commands. What an operator reads of a partner's
 * error message is redacted like a log line.
 */
public final class AuditTrail {
  /** Bounds one case's or dead letter's page; a command that far into retries says enough. */
  private static final int MAX_ENTRIES = 500;

  private final MongoCollection<Document> collection;

  public AuditTrail(MongoDatabase database) {
    this.collection = database.getCollection(ReplayAudit.COLLECTION);
  }

  /**
   * One attempt of a command, or one replay of it ({@code submodule} {@code replay}).
   *
   * @param decision a replay's: replayed, refused or pending; null for an attempt
   * @param clientId who replayed it; null for an attempt
   * @param operatorReason why the operator replayed it
   */
  public record Entry(String commandId, String at, String partner, String operation, Integer attempt, boolean success, String errorCode,
      String errorMessage, String decision, String clientId, String operatorReason) {
    public boolean replay() {
      return decision != null;
    }
  }

  /** The entries of these commands of {@code institution}, oldest first. */
  public List<Entry> of(String institution, Collection<String> commandIds) {
    List<Entry> entries = new ArrayList<>();
    if (commandIds.isEmpty()) {
      return entries;
    }
    for (Document d : collection.find(Filters.and(Filters.eq("orgId", institution),
        Filters.in("commandId", List.copyOf(commandIds)))).sort(Sorts.ascending("at")).limit(MAX_ENTRIES)) {
      boolean replay = "replay".equals(d.getString("submodule"));
      entries.add(new Entry(d.getString("commandId"), d.getString("at"), d.getString("examSys"),
          replay ? d.getString("operation") : d.getString("submodule"), d.getInteger("attempt"),
          Boolean.TRUE.equals(d.getBoolean("success")), d.getString("errorCode"),
          Redaction.redact(replay ? d.getString("reason") : d.getString("errorMessage")),
          replay ? d.getString("decision") : null, replay ? d.getString("clientId") : null,
          Redaction.redact(d.getString("operatorReason"))));
    }
    return entries;
  }
}
