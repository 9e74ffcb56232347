package no.examhub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import no.examhub.event.ExamEvent;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.platform.streams.DeadLetter;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TestKafka;
import no.examhub.testing.TopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Poison written straight into every topic Examhub consumes (the topology's sources and the
 * dispatch workers' command topics) is dead-lettered with its source, and the topology keeps
 * running: a valid webhook sent after the poison still becomes an exam event. The raw topics of
 * proctoring, standard webhooks and Metrica have no streaming consumer (they are the record of
 * what arrived), so nothing there can be poisoned.
 */
class PoisonRecordsTest {
  private static final List<String> CONSUMED = List.of(Topics.RAW_INSPERA.name(), Topics.RAW_PROVIEW.name(),
      Topics.FS_APPEALS.name(), Topics.FS_EXPLANATION_REQUESTS.name(), Topics.OUTCOMES.name(),
      Topics.EXAM_EVENTS.name(), Topics.ROSTER.name(), Topics.commandsFor(Partner.FS).name(),
      Topics.commandsFor(Partner.INSPERA).name(), Topics.commandsFor(Partner.WISEFLOW).name(),
      Topics.commandsFor(Partner.ARCHIVE).name(), Topics.commandsFor(Partner.PROVIEW).name(), Topics.ERASURES.name(),
      Topics.CASE_FORGETS.name());

  @Test
  void poisonInEveryConsumedTopicIsDeadLetteredAndAValidWebhookStillFlows() {
    try (TestHub hub = TestHub.start()) {
      hub.awaitStreamsRunning();
      String marker = "poison-" + UUID.randomUUID();
      writePoison(marker);

      List<DeadLetter> letters = TopicReader.readUntil(TestKafka.bootstrapServers(), Topics.DEAD_LETTERS,
          d -> d.payload() != null && d.payload().contains(marker), CONSUMED.size(), Duration.ofSeconds(90));
      Set<String> deadLettered = new TreeSet<>();
      letters.forEach(d -> deadLettered.add(d.sourceTopic()));
      System.out.printf("poison: %d topics poisoned, %d dead letters, from %s%n", CONSUMED.size(), letters.size(),
          deadLettered);
      assertThat(deadLettered).containsExactlyInAnyOrderElementsOf(CONSUMED);

      String objectId = "after-poison-" + UUID.randomUUID();
      String body = "{\"contextObjectId\":\"" + objectId + "\",\"event\":\"resource_created\"}";
      assertThat(Http.post(hub.baseUrl() + "/webhooks/inspera/demo", body, Map.of("Content-Type", "application/json",
          InsperaSignature.HEADER, InsperaSignature.sign(hub.insperaSecret(), body.getBytes(StandardCharsets.UTF_8))))
          .statusCode()).isEqualTo(200);
      assertThat(TopicReader.readUntil(TestKafka.bootstrapServers(), Topics.EXAM_EVENTS,
          (ExamEvent e) -> objectId.equals(e.objectId()), 1, Duration.ofSeconds(60))).hasSize(1);
    }
  }

  private static void writePoison(String marker) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (String topic : CONSUMED) {
        byte[] poison = ("{\"not\": json " + marker + " \u0000").getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, ("demo/" + marker).getBytes(StandardCharsets.UTF_8), poison));
      }
      producer.flush();
    }
  }
}
