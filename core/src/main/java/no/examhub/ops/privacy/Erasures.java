package no.examhub.ops.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.examhub.event.ErasureRequest;
import no.examhub.event.RosterEntry;
import no.examhub.event.Topics;
import no.examhub.flow.proctoring.RosterStore;
import no.examhub.platform.kafka.DurableProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;

/**
 * Erases one candidate of one institution everywhere Examhub keeps them (docs/operations.md,
 * "Personal data"): tombstones for their roster entries; an {@link ErasureRequest} on every
 * partition of {@code examhub.erasures}, so every case task forgets the candidate's cases, links
 * and held events; the MongoDB records pseudonymised ({@link MongoErasure}). The erasure itself is
 * recorded in {@code erasures} and audited in {@code audit_log} by id, institution and operator,
 * never with the candidate number.
 */
final class Erasures {
  static final String COLLECTION = "erasures";

  private final DurableProducer producer;
  private final RosterStore roster;
  private final MongoErasure mongo;
  private final MongoCollection<Document> erasures;
  private final MongoCollection<Document> audit;
  private final String environment;
  private final Duration ackTimeout;
  private final Clock clock;
  private final MeterRegistry registry;

  Erasures(DurableProducer producer, RosterStore roster, MongoDatabase database, String environment,
      Duration ackTimeout, Clock clock, MeterRegistry registry) {
    this.producer = producer;
    this.roster = roster;
    this.mongo = new MongoErasure(database);
    this.erasures = database.getCollection(COLLECTION);
    this.audit = database.getCollection(MongoErasure.AUDIT_LOG);
    this.environment = environment;
    this.ackTimeout = ackTimeout;
    this.clock = clock;
    this.registry = registry;
  }

  /** Throws when a write is not acknowledged in time; repeating the same erasure is harmless. */
  Document erase(String institution, String kandidatnr, String clientId) throws Exception {
    String id = UUID.randomUUID().toString();
    Instant at = clock.instant();
    List<CompletableFuture<?>> acks = new ArrayList<>();
    int rosterEntries = 0;
    for (RosterEntry e : roster.allOfInstitution(institution)) {
      if (kandidatnr.equals(e.candidateId())) {
        acks.add(producer.send(Topics.ROSTER, e.key(), null));
        rosterEntries++;
      }
    }
    int partitions = broadcast(new ErasureRequest(id, institution, ErasureRequest.candidateHash(institution, kandidatnr),
        at), acks);
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    MongoErasure.Counts counts = mongo.erase(institution, kandidatnr, "erased:" + id);
    Document record = new Document("_id", id).append("institution", institution).append("by", clientId)
        .append("at", at.toString()).append("status", "accepted").append("partitions", partitions)
        .append("rosterEntries", rosterEntries).append("auditEntries", counts.auditEntries())
        .append("executions", counts.executions());
    erasures.insertOne(record);
    audit.insertOne(new Document("env", environment).append("orgId", institution).append("submodule", "erasure")
        .append("erasureId", id).append("clientId", clientId).append("success", true).append("at", at.toString()));
    registry.counter("examhub.erasures", "institution", institution).increment();
    return record;
  }

  Optional<Document> find(String institution, String id) {
    return Optional.ofNullable(erasures.find(Filters.and(Filters.eq("_id", id), Filters.eq("institution", institution)))
        .first());
  }

  /** One copy per partition: the case stores are partitioned by case, and a candidate's cases are on any. */
  private int broadcast(ErasureRequest request, List<CompletableFuture<?>> acks) {
    byte[] key = Topics.ERASURES.keySerde().serializer().serialize(Topics.ERASURES.name(), request.erasureId());
    byte[] value = Topics.ERASURES.valueSerde().serializer().serialize(Topics.ERASURES.name(), request);
    int partitions = producer.unwrap().partitionsFor(Topics.ERASURES.name()).size();
    for (int p = 0; p < partitions; p++) {
      CompletableFuture<Object> ack = new CompletableFuture<>();
      producer.unwrap().send(new ProducerRecord<>(Topics.ERASURES.name(), p, key, value), (m, error) -> {
        if (error == null) {
          ack.complete(m);
        } else {
          ack.completeExceptionally(error);
        }
      });
      acks.add(ack);
    }
    return partitions;
  }
}
