package no.examhub.ops.privacy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Deletes MongoDB records older than {@code EXAMHUB_RECORD_RETENTION}, by their {@code at} (an
 * ISO-8601 instant, so comparing strings compares times). A purge job, not TTL indexes: the
 * embedded store (mongo-java-server) ignores TTL indexes, and a job's deletions can be counted
 * ({@code examhub_records_purged_total{collection}}).
 */
final class RecordPurge {
  static final List<String> COLLECTIONS = List.of("audit_log", "command_executions", "webhook_deliveries",
      Erasures.COLLECTION);

  private final MongoDatabase database;
  private final Duration retention;
  private final MeterRegistry registry;

  RecordPurge(MongoDatabase database, Duration retention, MeterRegistry registry) {
    this.database = database;
    this.retention = retention;
    this.registry = registry;
  }

  long purge(Instant now) {
    String cutoff = now.minus(retention).toString();
    long total = 0;
    for (String collection : COLLECTIONS) {
      long deleted = database.getCollection(collection).deleteMany(Filters.lt("at", cutoff)).getDeletedCount();
      registry.counter("examhub.records.purged", "collection", collection).increment(deleted);
      total += deleted;
    }
    return total;
  }
}
