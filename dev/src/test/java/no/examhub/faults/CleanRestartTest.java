package no.examhub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import no.examhub.event.Topics;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TestKafka;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance stopped cleanly takes its state with it: the next start with the same state
 * directory restores (almost) nothing from the changelogs, where before every task was wiped and
 * rebuilt (see {@code EmptyWindowStoreRestartTest} for the Kafka Streams defect behind it).
 */
class CleanRestartTest {
  private static final int WEBHOOKS = 20;

  @TempDir
  Path dataDir;

  @Test
  void aCleanRestartRestoresAlmostNothingFromTheChangelogs() {
    String applicationId = "examhub-restart-" + UUID.randomUUID();
    Map<String, String> env = Map.of("EXAMHUB_DATA_DIR", dataDir.toString(), "EXAMHUB_APPLICATION_ID", applicationId);
    long testId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);

    try (TestHub first = TestHub.start(TestKafka.bootstrapServers(), env)) {
      first.awaitStreamsRunning();
      java.util.Set<String> sent = new java.util.HashSet<>();
      for (int i = 0; i < WEBHOOKS; i++) {
        sent.add(Long.toString(testId + i));
        String body = "{\"contextObjectId\": " + (testId + i) + ", \"event\": \"confirm_final_grades\","
            + " \"timestamp\": \"" + java.time.Instant.now() + "\"}";
        assertThat(Http.post(first.baseUrl() + "/webhooks/inspera/demo", body, Map.of("Content-Type",
            "application/json", InsperaSignature.HEADER,
            InsperaSignature.sign(first.insperaSecret(), body.getBytes(StandardCharsets.UTF_8)))).statusCode())
            .isEqualTo(200);
      }
      assertThat(TopicReader.readUntil(TestKafka.bootstrapServers(), Topics.EXAM_EVENTS,
          e -> sent.contains(e.objectId()), WEBHOOKS, Duration.ofSeconds(60))).hasSize(WEBHOOKS);
    }
    assertThat(TopicReader.endOffsetSum(TestKafka.bootstrapServers(), applicationId + "-intake-dedup-store-changelog"))
        .as("the first run left state behind").isPositive();

    long started = System.nanoTime();
    try (TestHub second = TestHub.start(TestKafka.bootstrapServers(), env)) {
      second.awaitStreamsRunning();
      long restored = second.hub().streams().restoredRecords();
      System.out.printf("clean restart: Streams RUNNING %d ms after start, %d records restored%n",
          (System.nanoTime() - started) / 1_000_000, restored);

      assertThat(restored).as("records restored from changelogs after a clean stop").isLessThanOrEqualTo(2);
    }
  }
}
