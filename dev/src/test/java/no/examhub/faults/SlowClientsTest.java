package no.examhub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.simulator.DemoData;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 500 slow clients cannot take the ingress away from the partners: 400 connections send a body
 * byte by byte and 100 send their headers byte by byte, all held open for the whole test (the
 * body timeout and minimum rate are lifted here so they stay), while {@code verify_respondent} and
 * a signed Inspera webhook must each still be answered within a second. Bodies are gathered
 * without a server thread, so slow ones hold none; before, 400 byte-by-byte bodies took every
 * Jetty thread and nothing else was answered until they finished.
 */
class SlowClientsTest {
  private static final int SLOW_BODIES = 400;
  private static final int SLOW_HEADERS = 100;
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_HTTP_BODY_TIMEOUT", "PT120S",
      "EXAMHUB_HTTP_MIN_DATA_RATE", "0", "EXAMHUB_HTTP_IDLE_TIMEOUT", "PT60S",
      "EXAMHUB_FS_URL", "http://127.0.0.1:9/fs", "EXAMHUB_FS_POLL_INTERVAL", "PT1H"));

  @BeforeAll
  static void start() {
    Eventually.holds(java.time.Duration.ofSeconds(60), () -> verifyRespondent().statusCode() == 200);
  }

  @Test
  void verifyRespondentAndWebhooksAreAnsweredWithinASecondWhile500SlowClientsHoldConnections() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < SLOW_BODIES; i++) {
        slow.add(open("POST /webhooks/inspera/demo HTTP/1.1\r\nHost: examhub\r\nContent-Type: application/json\r\n"
            + "Content-Length: 100000\r\n\r\n{"));
      }
      for (int i = 0; i < SLOW_HEADERS; i++) {
        slow.add(open("POST /webhooks/proctoring/demo HTTP/1.1\r\nHost: examhub\r\nX-Slow: "));
      }
      drip(slow, 10);

      List<Long> verifyMillis = new ArrayList<>();
      List<Long> webhookMillis = new ArrayList<>();
      for (int round = 0; round < 10; round++) {
        verifyMillis.add(timed(() -> assertThat(verifyRespondent().statusCode()).isEqualTo(200)));
        webhookMillis.add(timed(() -> assertThat(insperaWebhook().statusCode()).isEqualTo(200)));
        drip(slow, 1);
      }

      assertThat(verifyMillis).allSatisfy(ms -> assertThat(ms).isLessThan(1000));
      assertThat(webhookMillis).allSatisfy(ms -> assertThat(ms).isLessThan(1000));
      assertThat(slow).filteredOn(s -> write(s, "1")).hasSizeGreaterThan(490);
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  private static Socket open(String head) throws IOException {
    Socket socket = new Socket("127.0.0.1", hub.hub().httpPort());
    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  /** One byte on every slow connection per tick of 100 ms. */
  private static void drip(List<Socket> sockets, int ticks) throws InterruptedException {
    for (int t = 0; t < ticks; t++) {
      for (Socket socket : sockets) {
        write(socket, "1");
      }
      Thread.sleep(100);
    }
  }

  private static boolean write(Socket socket, String text) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  private static long timed(Runnable call) {
    long started = System.nanoTime();
    call.run();
    return (System.nanoTime() - started) / 1_000_000;
  }

  private static HttpResponse<String> verifyRespondent() {
    String body = "{\"event\":\"verify_respondent\",\"fields\":[{\"position\":0,\"value\":\"" + DemoData.DEMO_CANDIDATE
        + "\"},{\"position\":1,\"value\":\"" + DemoData.DEMO_ACCESS_CODE + "\"}],\"exam_id\":\""
        + DemoData.DEMO_EXAM + "\",\"choosenLang\":\"en\"}";
    return Http.post(hub.baseUrl() + "/webhooks/proctoring/demo", body, Map.of("Content-Type", "application/json",
        "x-client-id", hub.demo().proctoringClientId(), "x-client-secret", hub.demo().proctoringClientSecret()));
  }

  private static HttpResponse<String> insperaWebhook() {
    String body = "{\"contextObjectId\": " + ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L)
        + ", \"event\": \"resource_created\", \"timestamp\": \"" + Instant.now() + "\"}";
    return Http.post(hub.baseUrl() + "/webhooks/inspera/demo", body, Map.of("Content-Type", "application/json",
        InsperaSignature.HEADER, InsperaSignature.sign(hub.insperaSecret(), body.getBytes(StandardCharsets.UTF_8))));
  }
}
