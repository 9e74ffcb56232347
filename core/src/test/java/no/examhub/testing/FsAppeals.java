package no.examhub.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import no.examhub.event.ExamSystem;
import no.examhub.event.FsAppeal;
import no.examhub.event.Topics;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.KafkaSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** FS appeals as the FS poller writes them, for tests that need cases to exist. */
public final class FsAppeals {
  private FsAppeals() {}

  public static FsAppeal active(String vurdId, String kandidatnr) {
    return active("demo", vurdId, kandidatnr);
  }

  public static FsAppeal active(String institution, String vurdId, String kandidatnr) {
    return new FsAppeal(institution, ExamSystem.INSPERA, vurdId, kandidatnr, FsAppeal.ACTIVE,
        LocalDate.parse("2026-06-20"), "K1", null, Instant.now());
  }

  public static void produce(String bootstrapServers, List<FsAppeal> appeals) {
    try (var producer = new KafkaProducer<>(KafkaSettings.durableProducer(bootstrapServers, "fs-appeals-test", 5000),
        new StringSerializer(), new StringSerializer())) {
      for (FsAppeal a : appeals) {
        producer.send(new ProducerRecord<>(Topics.FS_APPEALS.name(), a.caseKey(), Json.string(a))).get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot produce FS appeals", e);
    }
  }
}
