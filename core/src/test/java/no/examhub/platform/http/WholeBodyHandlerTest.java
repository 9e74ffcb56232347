package no.examhub.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each limit on how a client sends, answered with the error contract: bodies arrive whole at the
 * route, a body too large is 413, a stalled or trickling one 408, a silent connection is closed.
 * Limits here: 1,000 bytes, body within 3 s, at least 500 B/s after the first second, 2 s idle.
 */
class WholeBodyHandlerTest {
  /** Many times the response copy buffer, with no run of it repeating, so a lost or repeated chunk shows. */
  private static final String LARGE = IntStream.range(0, 40_000).mapToObj(i -> i + ",")
      .collect(Collectors.joining());
  private static Javalin server;

  @BeforeAll
  static void start() {
    server = HttpServer.create(1_000, new HttpServer.ConnectionLimits(Duration.ofSeconds(2), Duration.ofSeconds(3), 500),
        new SimpleMeterRegistry(), List.of(routes -> {
          routes.post("/echo", ctx -> ctx.result("got " + ctx.bodyAsBytes().length));
          routes.get("/large", ctx -> ctx.result(LARGE));
        }),
        "test");
    server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void aWholeBodyReachesTheRouteWhetherSizedOrChunked() throws Exception {
    assertThat(exchange(post("Content-Length: 5\r\n\r\nhello"))).startsWith("HTTP/1.1 200").endsWith("got 5");
    assertThat(exchange(post("Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n")))
        .startsWith("HTTP/1.1 200").endsWith("got 7");
  }

  @Test
  void anAnswerManyTimesTheResponseCopyBufferArrivesWhole() throws Exception {
    assertThat(LARGE.length()).isGreaterThan(100 * HttpServer.RESPONSE_COPY_BUFFER_BYTES);
    HttpResponse<String> answer = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/large")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(LARGE);
  }

  @Test
  void aBodyOverTheLimitIs413WhetherDeclaredOrNot() throws Exception {
    assertThat(exchange(post("Content-Length: 1001\r\n\r\n" + "a".repeat(1001)))).startsWith("HTTP/1.1 413").contains("\"70413\"");
    String chunk = "a".repeat(600);
    assertThat(exchange(post("Transfer-Encoding: chunked\r\n\r\n258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n")))
        .startsWith("HTTP/1.1 413").contains("\"70413\"");
  }

  @Test
  void aTooLargeBodyIsReadToItsEndBeforeThe413SoTheClientStillReadsTheAnswer() throws Exception {
    try (Socket socket = connect()) {
      // More than the socket buffers hold: unless the server reads it, the writes block until the
      // server gives up on the connection, and then fail.
      send(socket, post("Content-Length: 6000000\r\n\r\n"));
      String part = "a".repeat(100_000);
      for (int i = 0; i < 60; i++) {
        send(socket, part);
      }

      assertThat(read(socket)).startsWith("HTTP/1.1 413").contains("\"70413\"");
    }
  }

  @Test
  void aBodyStillArrivingWhenTheBodyTimeoutEndsIs413OnceKnownTooLarge() throws Exception {
    try (Socket socket = connect()) {
      send(socket, post("Content-Length: 5000\r\n\r\n" + "a".repeat(2000)));
      long started = System.nanoTime();

      String answer = read(socket);

      assertThat(answer).startsWith("HTTP/1.1 413").contains("\"70413\"");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    }
  }

  @Test
  void aBodyDeclaredOverTheDiscardLimitIsRefusedBeforeItIsRead() throws Exception {
    try (Socket socket = connect()) {
      send(socket, post("Content-Length: " + (WholeBodyHandler.DISCARD_LIMIT_BYTES + 1) + "\r\n\r\n"));
      long started = System.nanoTime();

      String answer = read(socket);

      assertThat(answer).startsWith("HTTP/1.1 413").contains("\"70413\"");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void aStalledBodyIs408AfterTheBodyTimeout() throws Exception {
    try (Socket socket = connect()) {
      send(socket, post("Content-Length: 10\r\n\r\n12"));
      long started = System.nanoTime();

      String answer = read(socket);

      assertThat(answer).startsWith("HTTP/1.1 408").contains("\"70408\"");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
    }
  }

  @Test
  void aBodyTricklingBelowTheMinimumRateIs408() throws Exception {
    try (Socket socket = connect()) {
      send(socket, post("Content-Length: 900\r\n\r\n"));
      String answer = null;
      for (int i = 0; i < 20 && answer == null; i++) {
        Thread.sleep(100);
        if (!trySend(socket, "x")) {
          break;
        }
        if (socket.getInputStream().available() > 0) {
          answer = read(socket);
        }
      }
      assertThat(answer != null ? answer : read(socket)).startsWith("HTTP/1.1 408").contains("\"70408\"");
    }
  }

  @Test
  void aConnectionSilentForTheIdleTimeoutIsClosed() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "POST /echo HTTP/1.1\r\nHost: t\r\n");
      long started = System.nanoTime();

      int read = socket.getInputStream().read();

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(8));
      assertThat(read).isIn(-1, (int) 'H');
    }
  }

  private static String post(String rest) {
    return "POST /echo HTTP/1.1\r\nHost: t\r\nConnection: close\r\n" + rest;
  }

  private static String exchange(String request) throws IOException {
    try (Socket socket = connect()) {
      send(socket, request);
      return read(socket).trim();
    }
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static boolean trySend(Socket socket, String text) {
    try {
      send(socket, text);
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  private static String read(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    try {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException reset) {
      return "";
    }
  }
}
