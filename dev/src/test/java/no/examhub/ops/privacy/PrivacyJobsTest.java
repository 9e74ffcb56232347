package no.examhub.ops.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import no.examhub.event.RosterEntry;
import no.examhub.event.Topics;
import no.examhub.flow.proctoring.RosterTopology;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.testing.Drivers;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The retention jobs outside Streams: MongoDB records and roster entries end after their retention. */
class PrivacyJobsTest {
  private static final Instant NOW = Instant.parse("2027-06-01T08:00:00Z");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void recordsOlderThanTheirRetentionArePurgedFromEveryCollectionAndCounted() {
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(); MongoClient client = MongoClients.create(mongo.uri())) {
      MongoDatabase db = client.getDatabase("examhub");
      for (String collection : RecordPurge.COLLECTIONS) {
        db.getCollection(collection).insertMany(List.of(
            new Document("name", "old").append("at", NOW.minus(Duration.ofDays(366)).toString()),
            new Document("name", "young").append("at", NOW.minus(Duration.ofDays(364)).toString())));
      }

      long purged = new RecordPurge(db, Duration.ofDays(365), registry).purge(NOW);

      assertThat(purged).isEqualTo(RecordPurge.COLLECTIONS.size());
      for (String collection : RecordPurge.COLLECTIONS) {
        List<String> left = new ArrayList<>();
        db.getCollection(collection).find().forEach(d -> left.add(d.getString("name")));
        assertThat(left).as(collection).containsExactly("young");
        assertThat(registry.get("examhub.records.purged").tag("collection", collection).counter().count())
            .isEqualTo(1.0);
      }
    }
  }

  @Test
  void rosterEntriesLastUploadedLongerAgoThanTheirRetentionGetATombstone() throws Exception {
    try (TopologyTestDriver driver = Drivers.of("roster-expiry",
        builder -> RosterTopology.addTo(builder, ExamhubConfig.defaults()))) {
      TestInputTopic<String, RosterEntry> roster = Drivers.input(driver, Topics.ROSTER);
      RosterEntry old = entry("c-old");
      RosterEntry renewed = entry("c-renewed");
      roster.pipeInput(old.key(), old, NOW.minus(Duration.ofDays(91)));
      roster.pipeInput(renewed.key(), renewed, NOW.minus(Duration.ofDays(91)));
      roster.pipeInput(renewed.key(), renewed, NOW.minus(Duration.ofDays(10)));
      List<String> tombstones = new ArrayList<>();

      int expired = new RosterExpiry(() -> driver.getTimestampedKeyValueStore(RosterTopology.STORE), key -> {
        tombstones.add(key);
        return CompletableFuture.completedFuture(null);
      }, Duration.ofDays(90), registry).expire(NOW);

      assertThat(expired).isEqualTo(1);
      assertThat(tombstones).containsExactly(old.key());
      assertThat(registry.get("examhub.roster.expired").counter().count()).isEqualTo(1.0);
    }
  }

  private static RosterEntry entry(String candidateId) {
    return new RosterEntry("demo", "exam-1", candidateId, "hash", "Name " + candidateId, candidateId + "@uni.invalid",
        null, null, null, 0, 1);
  }
}
