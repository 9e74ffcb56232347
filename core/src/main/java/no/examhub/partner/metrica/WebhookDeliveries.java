package no.examhub.partner.metrica;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import org.bson.Document;

/**
 * Which subscriber has had which notification, by {@code commandId/subscriber} ({@code _id},
 * unique): a retry of the command re-sends only to the subscribers still missing it.
 */
final class WebhookDeliveries {
  static final String COLLECTION = "webhook_deliveries";

  private final MongoCollection<Document> collection;

  WebhookDeliveries(MongoDatabase database) {
    this.collection = database.getCollection(COLLECTION);
  }

  boolean delivered(String deliveryId) {
    return collection.find(Filters.eq("_id", deliveryId)).first() != null;
  }

  /** A second record (a redelivered command racing the first) is the same fact: fine. */
  void record(String deliveryId, String subscriber, Instant at) {
    try {
      collection.insertOne(new Document("_id", deliveryId).append("subscriber", subscriber).append("at", at.toString()));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
  }
}
