package no.examhub.faults.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import no.examhub.event.ExamEvent;
import no.examhub.event.Topics;
import no.examhub.platform.kafka.EmbeddedKafka;
import no.examhub.testing.Eventually;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped for several seconds under a steady stream of webhooks, then started again:
 * while it is down every webhook is answered 503 with Retry-After and error code 70503 (never
 * 2xx, never a hang or a 500), and once it is back nothing that was answered 2xx is missing, and
 * the ingress and the topology recover fully: every acknowledged webhook, from before, during
 * and after the outage, becomes exactly one exam event. Examhub runs in this JVM; the broker is
 * the official one in its own process (the embedded default's), stopped with SIGTERM.
 */
@Tag("fault-load")
class BrokerRestartUnderLoadTest {
  private static final int CONNECTIONS = 8;
  private static final double PER_SECOND = 500;
  private static final Duration BEFORE = Duration.ofSeconds(8);
  private static final Duration DOWN = Duration.ofSeconds(8);
  private static final Duration AFTER = Duration.ofSeconds(12);
  private static final Instant OCCURRED = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  /** Every answer, with when it was sent and answered, for the outage's window. */
  private final List<LoadGenerator.Answer> answers = Collections.synchronizedList(new ArrayList<>());

  @Test
  void webhooksWhileTheBrokerIsDownGet503AndEveryAcknowledgedOneBecomesOneExamEventAfterItIsBack(@TempDir Path dir)
      throws Exception {
    int port = freePort();
    int controllerPort = freePort();
    EmbeddedKafka kafka = new EmbeddedKafka(dir, port, controllerPort).start();
    try (TestHub hub = TestHub.start(kafka.bootstrapServers(), Map.of("EXAMHUB_ACK_TIMEOUT", "PT2S",
        "EXAMHUB_RATE_LIMIT_PER_SECOND", "1000000"))) {
      hub.awaitStreamsRunning();
      List<Webhook> webhooks = webhooks(hub.insperaSecret(),
          (int) (PER_SECOND * (BEFORE.plus(DOWN).plus(AFTER).toSeconds() + 30)));
      LoadGenerator generator = new LoadGenerator(hub.baseUrl(), webhooks, CONNECTIONS, PER_SECOND,
          (w, a) -> answers.add(a)).start();
      Thread.sleep(BEFORE.toMillis());
      kafka.close();
      long down = System.nanoTime();
      Thread.sleep(DOWN.toMillis());
      long restarting = System.nanoTime();
      kafka = new EmbeddedKafka(dir, port, controllerPort).start();
      long back = System.nanoTime();
      Thread.sleep(AFTER.toMillis());
      generator.stop();
      generator.await(Duration.ofMinutes(1));

      verify(kafka.bootstrapServers(), hub, generator, down, restarting, back);
    } finally {
      kafka.close();
    }
  }

  private void verify(String bootstrap, TestHub hub, LoadGenerator generator, long down, long restarting, long back) {
    List<LoadGenerator.Answer> all = List.copyOf(answers);
    List<LoadGenerator.Answer> whileDown = all.stream()
        .filter(a -> a.sentNanos() >= down && a.answeredNanos() <= restarting).toList();
    List<LoadGenerator.Answer> notTheContract = all.stream()
        .filter(a -> !a.acknowledged() && !isBackendDown(a)).toList();
    long firstAcknowledgedAfterBack = all.stream().filter(a -> a.acknowledged() && a.sentNanos() >= down)
        .mapToLong(LoadGenerator.Answer::answeredNanos).min().orElse(Long.MAX_VALUE);

    List<Webhook> acknowledged = generator.acknowledgedWebhooks();
    Set<String> acknowledgedBodies = acknowledged.stream().map(Webhook::body).collect(Collectors.toSet());
    Set<String> raw = TopicReader.readAll(bootstrap, Topics.RAW_INSPERA).stream()
        .map(e -> new String(e.getValue().body(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
    Set<String> lost = new HashSet<>(acknowledgedBodies);
    lost.removeAll(raw);
    Set<String> objects = acknowledged.stream().map(w -> objectId(w.index())).collect(Collectors.toSet());
    long flowing = System.nanoTime();
    boolean settled = awaitEvents(bootstrap, objects, Duration.ofSeconds(90));
    Map<String, Long> events = TopicReader.readAll(bootstrap, Topics.EXAM_EVENTS).stream().map(Map.Entry::getValue)
        .filter(e -> objects.contains(e.objectId()))
        .collect(Collectors.groupingBy(ExamEvent::objectId, Collectors.counting()));
    Set<String> withoutEvent = new HashSet<>(objects);
    withoutEvent.removeAll(events.keySet());
    long duplicated = events.values().stream().filter(n -> n > 1).count();

    new Figures("broker restart under load (" + PER_SECOND + " webhooks/s offered over " + CONNECTIONS
        + " connections)")
        .add("broker down (stopped to ready again)", String.format("%.1f s", (back - down) / 1e9))
        .add("webhooks sent", acknowledged.size())
        .add("HTTP requests (with retries)", generator.requests())
        .add("answers by status or failure", generator.answersByKind())
        .add("answered while the broker was down", whileDown.size())
        .add("of those 503 + Retry-After + 70503", whileDown.stream().filter(BrokerRestartUnderLoadTest::isBackendDown)
            .count())
        .add("non-2xx answers not 503 + Retry-After + 70503", notTheContract.size())
        .add("broker start-up (launch to ready)", String.format("%.1f s", (back - restarting) / 1e9))
        .add("first 2xx after the broker was launched again",
            String.format("%.1f s", (firstAcknowledgedAfterBack - restarting) / 1e9))
        .add("acknowledged (2xx)", acknowledgedBodies.size())
        .add("found on the raw topic", acknowledgedBodies.size() - lost.size())
        .add("lost", lost.size())
        .add("exam events found", events.size())
        .add("without exam event", withoutEvent.size())
        .add("exam events duplicated", duplicated)
        .add("all through the topology within", settled
            ? String.format("%.1f s of the load's end", (System.nanoTime() - flowing) / 1e9) : "not within 90 s")
        .print();

    assertThat(whileDown).as("webhooks answered while the broker was down").isNotEmpty()
        .allSatisfy(a -> assertThat(a.acknowledged()).as("a 2xx while the broker was down").isFalse());
    assertThat(notTheContract).as("refusals other than 503 with Retry-After and error code 70503").isEmpty();
    assertThat(generator.acknowledgedCount()).as("every webhook sent was acknowledged in the end")
        .isEqualTo(acknowledged.size()).isEqualTo(generator.startedCount());
    assertThat(lost).as("acknowledged webhooks missing from the raw topic").isEmpty();
    assertThat(withoutEvent).as("acknowledged webhooks that never became an exam event").isEmpty();
    assertThat(duplicated).as("webhooks that became two exam events").isZero();
    assertThat(hub.hub().streamsRunning()).as("Streams is running again").isTrue();
  }

  /** The ingress's answer when the broker does not acknowledge in time: retry later, nothing kept. */
  private static boolean isBackendDown(LoadGenerator.Answer a) {
    return a.status() == 503 && a.retryAfter() != null && a.body().contains("\"errorCode\":\"70503\"");
  }

  private static boolean awaitEvents(String bootstrap, Set<String> objects, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      long found = TopicReader.readAll(bootstrap, Topics.EXAM_EVENTS).stream()
          .filter(e -> objects.contains(e.getValue().objectId())).map(e -> e.getValue().objectId()).distinct().count();
      if (found >= objects.size()) {
        return true;
      }
      Eventually.pause(Duration.ofSeconds(1));
    }
    return false;
  }

  /** Unique objects, so each webhook is its own exam event and a lost one shows. */
  private static List<Webhook> webhooks(String secret, int count) {
    List<Webhook> webhooks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      webhooks.add(Webhook.inspera(i, secret, "{\"contextObjectId\": " + objectId(i)
          + ", \"event\": \"resource_created\", \"timestamp\": \"" + OCCURRED.plusMillis(i) + "\"}"));
    }
    return webhooks;
  }

  private static String objectId(int i) {
    return Long.toString(70_000_000L + i);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
