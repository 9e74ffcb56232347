package no.examhub.ops.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import no.examhub.access.ApiClient;
import no.examhub.access.Scopes;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.event.Operations;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ReadinessCheck;
import no.examhub.platform.kafka.KafkaSettings;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.testing.Eventually;
import no.examhub.testing.TestKafka;
import no.examhub.testing.Wire;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter index that the operator API and the console read, fed by one tailing consumer
 * per instance, against a real broker on a topic of each test's own: a dead letter written before
 * a request is in its answer, filters and institution scopes hold, an institution past the bound
 * keeps its newest and says how many it left out (and no other institution loses any), a reader
 * that dies is restarted, counted and shown on readiness and goes on without losing or repeating
 * one, and what the broker deletes by retention leaves the index.
 */
class DeadLetterIndexTest {
  private static final String A = "index-a";
  private static final String B = "index-b";
  private static final ApiClient PLATFORM = new ApiClient("platform", "x", Set.of(Scopes.ADMIN), null, "all");
  private static final ApiClient OPERATOR_OF_A = new ApiClient("of-a", "y", Set.of(Scopes.ADMIN), null, "A", Set.of(A));

  private final String bootstrap = TestKafka.bootstrapServers();
  private final String topic = "examhub.commands.dead-letters.index-test-" + UUID.randomUUID();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Consumer<String, byte[]>> consumers = new CopyOnWriteArrayList<>();
  private EmbeddedMongo mongo;
  private MongoClient mongoClient;
  private KafkaProducer<String, byte[]> producer;
  private DeadLetters deadLetters;

  @BeforeEach
  void topicAndStore() throws Exception {
    try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    }
    mongo = EmbeddedMongo.inMemory();
    mongoClient = MongoClients.create(mongo.uri());
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void stop() throws Exception {
    if (deadLetters != null) {
      deadLetters.close();
    }
    producer.close();
    mongoClient.close();
    mongo.close();
    try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
      admin.deleteTopics(List.of(topic)).all().get();
    }
  }

  @Test
  void aDeadLetterWrittenBeforeARequestIsInItsAnswerAndFiltersAndScopesHold() {
    start(100, Duration.ofMinutes(1));
    awaitLoaded();
    String ofA = send(A, Partner.PROVIEW, Operations.FETCH_SESSION, "503");
    String ofB = send(B, Partner.INSPERA, "register-appeal", "500");

    // No waiting: the request waits for the index to reach where the topic ends now.
    DeadLetters.Page all = deadLetters.list(PLATFORM, filter(null, null, null, null), 100);
    assertThat(ids(all)).containsExactlyInAnyOrder(ofA, ofB);
    assertThat(all.completeness().complete()).isTrue();
    assertThat(ids(deadLetters.list(PLATFORM, filter("proview", null, null, null), 100))).containsExactly(ofA);
    assertThat(ids(deadLetters.list(PLATFORM, filter(null, B, null, null), 100))).containsExactly(ofB);
    assertThat(ids(deadLetters.list(PLATFORM, filter(null, null, "register-appeal", null), 100))).containsExactly(ofB);
    assertThat(ids(deadLetters.list(PLATFORM, filter(null, null, null, "503"), 100))).containsExactly(ofA);

    assertThat(ids(deadLetters.list(OPERATOR_OF_A, filter(null, null, null, null), 100))).containsExactly(ofA);
    assertThat(ids(deadLetters.list(OPERATOR_OF_A, filter(null, B, null, null), 100))).isEmpty();
    assertThat(deadLetters.find(OPERATOR_OF_A, ofB)).isEmpty();
    assertThat(deadLetters.find(OPERATOR_OF_A, ofA)).isPresent();
    assertThat(deadLetters.find(PLATFORM, ofB).orElseThrow().deadLetter().failed().errorCode()).isEqualTo("500");
    assertThat(deadLetters.replayIds(OPERATOR_OF_A, List.of(ofB), false, "mine?").notFound()).containsExactly(ofB);
  }

  @Test
  void anInstitutionPastTheBoundKeepsItsNewestCountsWhatItLeftOutAndCostsNoOtherInstitutionAny() {
    start(3, Duration.ofMinutes(1));
    awaitLoaded();
    List<String> ofA = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ofA.add(send(A, Partner.PROVIEW, Operations.FETCH_SESSION, "503"));
    }
    String ofB = send(B, Partner.PROVIEW, Operations.FETCH_SESSION, "503");

    DeadLetters.Page page = deadLetters.list(PLATFORM, filter(null, A, null, null), 100);
    assertThat(ids(page)).containsExactlyInAnyOrderElementsOf(ofA.subList(2, 5));
    assertThat(page.completeness().dropped()).isEqualTo(Map.of(A, 2L));
    assertThat(page.completeness().truncated()).isTrue();
    assertThat(registry.counter("examhub.dead.letter.index.dropped", "institution", A).count()).isEqualTo(2);
    assertThat(ids(deadLetters.list(PLATFORM, filter(null, B, null, null), 100))).containsExactly(ofB);
    assertThat(deadLetters.list(OPERATOR_OF_A, filter(null, null, null, null), 100).completeness().dropped())
        .isEqualTo(Map.of(A, 2L));
    assertThat(deadLetters.list(new ApiClient("of-b", "z", Set.of(Scopes.ADMIN), null, "B", Set.of(B)),
        filter(null, null, null, null), 100).completeness().dropped()).as("A's truncation is not B's business").isEmpty();
  }

  @Test
  void aReaderThatDiesIsRestartedCountedShownOnReadinessAndLosesOrRepeatsNothing() {
    start(100, Duration.ofMinutes(1));
    awaitLoaded();
    String before = send(A, Partner.PROVIEW, Operations.FETCH_SESSION, "503");
    assertThat(ids(deadLetters.list(PLATFORM, filter(null, null, null, null), 100))).containsExactly(before);
    ReadinessCheck readiness = deadLetters.readiness();

    consumers.get(0).wakeup(); // the first run dies underneath the index

    Eventually.holds(Duration.ofSeconds(10), () -> ReadinessCheck.DOWN.equals(readiness.state()));
    Eventually.holds(Duration.ofSeconds(30), () -> consumers.size() == 2 && ReadinessCheck.UP.equals(readiness.state()));
    assertThat(registry.counter("examhub.loop.restarts", "loop", "dead-letter-index").count()).isEqualTo(1);
    String after = send(A, Partner.PROVIEW, Operations.FETCH_SESSION, "503");
    assertThat(ids(deadLetters.list(PLATFORM, filter(null, null, null, null), 100))).containsExactly(before, after);
  }

  @Test
  void whatTheBrokerDeletesByRetentionLeavesTheIndex() throws Exception {
    start(100, Duration.ofMillis(200));
    awaitLoaded();
    String old = send(A, Partner.PROVIEW, Operations.FETCH_SESSION, "503", 0);
    String kept = send(A, Partner.PROVIEW, Operations.FETCH_SESSION, "503", 0);
    assertThat(ids(deadLetters.list(PLATFORM, filter(null, null, null, null), 100))).containsExactly(old, kept);

    // What retention does to a segment: the log now starts after the old one.
    try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap))) {
      admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(offset(kept)))).all().get();
    }

    Eventually.holds(Duration.ofSeconds(10), () -> ids(deadLetters.list(PLATFORM, filter(null, null, null, null), 100))
        .equals(List.of(kept)));
    assertThat(registry.counter("examhub.dead.letter.index.expired").count()).isEqualTo(1);
  }

  @Test
  void whileTheIndexIsStillReadingTheAnswerSaysSoAndNothingIsCalledNotFound() {
    // A feed whose consumer cannot reach a broker never loads.
    deadLetters = DeadLetters.of(new DeadLetters.Feeding(bootstrap, topic, () -> DeadLetterFeed.consumer("127.0.0.1:1"),
        Duration.ofMinutes(1)), 100, replays(), replayOfNothing(), registry, Clock.systemUTC());

    DeadLetters.Page page = deadLetters.list(PLATFORM, filter(null, null, null, null), 100);

    assertThat(page.completeness().state()).isEqualTo(DeadLetters.Completeness.CATCHING_UP);
    assertThat(deadLetters.readiness().state()).isEqualTo(ReadinessCheck.LOADING);
    assertThatThrownBy(() -> deadLetters.find(PLATFORM, topic + ":0:0")).isInstanceOf(ApiException.class)
        .hasMessageContaining("still reading");
    assertThatThrownBy(() -> deadLetters.replayMatching(PLATFORM, filter(null, A, null, null), false, "r"))
        .isInstanceOf(ApiException.class);
  }

  private void start(int bound, Duration housekeeping) {
    deadLetters = DeadLetters.of(new DeadLetters.Feeding(bootstrap, topic, () -> {
      Consumer<String, byte[]> c = DeadLetterFeed.consumer(bootstrap);
      consumers.add(c);
      return c;
    }, housekeeping), bound, replays(), replayOfNothing(), registry, Clock.systemUTC());
  }

  private Replays replays() {
    return new Replays(mongoClient.getDatabase("index"));
  }

  /** Replays here only ever select nothing (another institution's id): no producer, no decisions to read. */
  private DeadLetterReplay replayOfNothing() {
    return new DeadLetterReplay(null, replays(), new ReplayAudit(mongoClient.getDatabase("index"), "test"), null,
        Duration.ofSeconds(1), Clock.systemUTC());
  }

  private void awaitLoaded() {
    Eventually.holds(Duration.ofSeconds(30), () -> ReadinessCheck.UP.equals(deadLetters.readiness().state()));
  }

  private String send(String institution, Partner partner, String operation, String errorCode) {
    return send(institution, partner, operation, errorCode, null);
  }

  /** A failed command on the test's topic, as dispatch writes it; returns its dead-letter id. */
  private String send(String institution, Partner partner, String operation, String errorCode, Integer partition) {
    Command c = Wire.command(institution, partner, operation, Wire.json("sessionUuid", UUID.randomUUID().toString()),
        "test", Instant.now());
    FailedCommand f = new FailedCommand(c, 1, errorCode, "scripted", Instant.now());
    try {
      RecordMetadata m = producer.send(new ProducerRecord<>(topic, partition, institution + "/" + c.commandId(),
          Topics.COMMAND_DEAD_LETTERS.valueSerde().serializer().serialize(topic, f))).get();
      return new DeadLetterId(topic, m.partition(), m.offset()).toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long offset(String id) {
    return DeadLetterId.parse(id).offset();
  }

  private static DeadLetterFilter filter(String partner, String institution, String operation, String errorCode) {
    return new DeadLetterFilter(partner, institution, operation, errorCode);
  }

  private static List<String> ids(DeadLetters.Page page) {
    return page.items().stream().map(l -> l.deadLetter().id()).toList();
  }
}
