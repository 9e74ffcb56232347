package no.examhub.partner.fs;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * The {@code siden} watermark per institution and FS endpoint, in MongoDB ({@code fs_watermarks},
 * {@code _id} = {@code institution/endpoint}) so that a restart resumes where the last
 * acknowledged poll ended. Each one read or written shows as a gauge of its age.
 */
final class FsWatermarks {
  static final String COLLECTION = "fs_watermarks";

  private final MongoCollection<Document> collection;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Instant> known = new ConcurrentHashMap<>();

  FsWatermarks(MongoDatabase database, MeterRegistry registry, Clock clock) {
    this.collection = database.getCollection(COLLECTION);
    this.registry = registry;
    this.clock = clock;
  }

  Optional<Instant> get(String institution, String endpoint) {
    Document doc = collection.find(Filters.eq("_id", id(institution, endpoint))).first();
    Optional<Instant> siden = Optional.ofNullable(doc).map(d -> d.getDate("siden")).map(Date::toInstant);
    siden.ifPresent(s -> remember(institution, endpoint, s));
    return siden;
  }

  void advance(String institution, String endpoint, Instant siden) {
    collection.updateOne(Filters.eq("_id", id(institution, endpoint)),
        Updates.combine(Updates.set("institution", institution), Updates.set("endpoint", endpoint),
            Updates.set("siden", Date.from(siden)), Updates.set("updatedAt", Date.from(clock.instant()))),
        new UpdateOptions().upsert(true));
    remember(institution, endpoint, siden);
  }

  /**
   * Keeps the age gauge of an endpoint that is not being polled: from its stored watermark, or,
   * when it never had one, from the first time this was called, so a feed that was never polled
   * shows as stale too.
   */
  void track(String institution, String endpoint) {
    if (!known.containsKey(id(institution, endpoint)) && get(institution, endpoint).isEmpty()) {
      remember(institution, endpoint, clock.instant());
    }
  }

  private void remember(String institution, String endpoint, Instant siden) {
    String id = id(institution, endpoint);
    if (known.put(id, siden) == null) {
      Gauge.builder("examhub.poller.watermark.age.seconds", known,
              k -> ageSeconds(k.get(id)))
          .description("Seconds since the stored watermark of a polled endpoint: grows while polls fail")
          .tags("institution", institution, "endpoint", endpoint)
          .register(registry);
    }
  }

  private double ageSeconds(Instant siden) {
    return siden == null ? Double.NaN : (clock.millis() - siden.toEpochMilli()) / 1000.0;
  }

  private static String id(String institution, String endpoint) {
    return institution + "/" + endpoint;
  }
}
