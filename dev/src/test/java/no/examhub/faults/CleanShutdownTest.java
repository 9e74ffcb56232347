package no.examhub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.testing.Eventually;
import no.examhub.testing.TestHub;
import no.examhub.testing.TestKafka;
import org.junit.jupiter.api.Test;

/**
 * An instance stopped cleanly (as SIGTERM does) while webhooks are under way answers each of them,
 * or refuses it in a way a partner's retry copes with: a refused or closed connection, or {@code
 * 503} with an error code and {@code Retry-After}. Never a {@code 500}: the requests under way are
 * answered before the producer and the stores they need are closed.
 */
class CleanShutdownTest {
  private static final int SENDERS = 16;

  /** One answer: its status (-1 for a refused or broken connection) and what came with it. */
  private record Answer(int status, String body, String retryAfter, boolean afterStop) {
    boolean retryable() {
      return status >= 200 && status < 300 || status == -1
          || status == 503 && body.contains("\"errorCode\":\"70") && retryAfter != null;
    }
  }

  @Test
  void anInstanceStoppedUnderWebhooksAnswersEachOrRefusesItRetryablyAndNeverWith500() throws Exception {
    ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    AtomicLong acknowledged = new AtomicLong();
    List<Thread> senders = new ArrayList<>();
    TestHub hub = TestHub.start(TestKafka.bootstrapServers(), Map.of());
    AtomicBoolean stopping = new AtomicBoolean();
    try {
      hub.awaitStreamsRunning();
      String url = hub.baseUrl() + "/webhooks/inspera/demo";
      String secret = hub.insperaSecret();
      for (int s = 0; s < SENDERS; s++) {
        int sender = s;
        Thread t = new Thread(() -> send(url, secret, sender, answers, acknowledged, stopping), "sender-" + s);
        t.setDaemon(true);
        t.start();
        senders.add(t);
      }
      Eventually.holds(Duration.ofSeconds(60), () -> acknowledged.get() >= 200);
    } finally {
      stopping.set(true);
      hub.close();
    }
    for (Thread t : senders) {
      t.join(30_000);
    }

    Map<String, Long> afterStop = new TreeMap<>();
    answers.stream().filter(Answer::afterStop).forEach(a -> afterStop.merge(a.status() + "", 1L, Long::sum));
    System.out.printf("clean shutdown under %d senders: %,d acknowledged before the stop; answers from the stop on, "
        + "by status (-1: connection refused or closed): %s%n", SENDERS, acknowledged.get(), afterStop);
    assertThat(answers.stream().filter(Answer::afterStop).count()).as("answers from the stop on").isPositive();
    assertThat(answers.stream().filter(a -> !a.retryable()).toList())
        .as("answers that are neither 2xx, nor a closed connection, nor 503 with a code and Retry-After").isEmpty();
  }

  /** Sends signed webhooks one after the other on one keep-alive connection, until the server is gone. */
  private static void send(String url, String secret, int sender, ConcurrentLinkedQueue<Answer> answers,
      AtomicLong acknowledged, AtomicBoolean stopping) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    for (int i = 0; ; i++) {
      boolean afterStop = stopping.get();
      String body = "{\"contextObjectId\": " + (70_000_000L + sender * 1_000_000L + i)
          + ", \"event\": \"resource_created\", \"timestamp\": \"" + Instant.now() + "\"}";
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
          .header("Content-Type", "application/json")
          .header(InsperaSignature.HEADER, InsperaSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8)))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      try {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        answers.add(new Answer(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null),
            afterStop));
        if (r.statusCode() / 100 == 2) {
          acknowledged.incrementAndGet();
        }
      } catch (IOException e) {
        answers.add(new Answer(-1, e.toString(), null, afterStop));
        if (afterStop) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
