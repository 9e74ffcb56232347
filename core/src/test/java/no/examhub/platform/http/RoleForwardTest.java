package no.examhub.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import no.examhub.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A route of a role this instance does not run, forwarded to one that does: the request as it
 * came (credentials too) and the target's answer as it is; a target that is silent or gone is
 * 503 with a code and Retry-After; a request forwarded once is not forwarded again.
 */
class RoleForwardTest {
  private static Javalin target;
  private static ServerSocket silent;

  @BeforeAll
  static void start() throws IOException {
    target = Javalin.create(cfg -> cfg.routes.put("/api/roster/{it}", ctx -> {
      ctx.res().addHeader("Set-Cookie", "a=1");
      ctx.res().addHeader("Set-Cookie", "b=2");
      ctx.status(207).result(ctx.method() + " " + ctx.path() + "?" + ctx.queryString() + " " + ctx.body() + " "
          + ctx.header("Authorization") + " via=" + ctx.header(RoleForward.VIA) + " for=" + ctx.header("X-Forwarded-For"));
    })).start("127.0.0.1", 0);
    // Bound but never accepting: a connection is made, and no answer ever comes.
    silent = new ServerSocket(0, 1);
  }

  @AfterAll
  static void stop() throws IOException {
    target.stop();
    silent.close();
  }

  @Test
  void aRequestIsForwardedAsItCameAndItsAnswerPassedBack() {
    HttpResponse<String> r = throughForwarder("http://127.0.0.1:" + target.port(), Duration.ofSeconds(30),
        HttpRequest.newBuilder().uri(URI.create("http://forwarder/api/roster/uio?x=1&y=%20"))
            .header("Authorization", "Bearer t0ken").PUT(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));

    assertThat(r.statusCode()).isEqualTo(207);
    assertThat(r.body()).isEqualTo("PUT /api/roster/uio?x=1&y=%20 {\"a\":1} Bearer t0ken via=role-forward for=127.0.0.1");
    assertThat(r.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
  }

  @Test
  void aRequestForwardedOnceIsRefusedNotForwardedAgain() {
    HttpResponse<String> r = throughForwarder("http://127.0.0.1:" + target.port(), Duration.ofSeconds(30),
        HttpRequest.newBuilder().uri(URI.create("http://forwarder/api/roster/uio"))
            .header(RoleForward.VIA, "role-forward").PUT(HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(r.statusCode()).isEqualTo(421);
    assertThat(r.body()).contains("70421", "streams");
  }

  @Test
  void aSilentOrUnreachableTargetIs503WithACodeAndRetryAfter() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    for (String url : List.of("http://127.0.0.1:" + silent.getLocalPort(), "http://127.0.0.1:" + closed)) {
      HttpResponse<String> r = throughForwarder(url, Duration.ofMillis(500),
          HttpRequest.newBuilder().uri(URI.create("http://forwarder/api/roster/uio")).PUT(HttpRequest.BodyPublishers.ofString("{}")));

      assertThat(r.statusCode()).as(url).isEqualTo(503);
      assertThat(r.body()).contains("70503");
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }
  }

  /**
   * Sends {@code request} (its host replaced) through a forwarder to {@code url}, started for it:
   * patient with a target that answers (this machine may be loaded), short with a silent one.
   */
  private static HttpResponse<String> throughForwarder(String url, Duration timeout, HttpRequest.Builder request) {
    Javalin app = HttpServer.create(1024, new SimpleMeterRegistry(), List.of(RoleElsewhere.needs("streams")
        .forwardingTo(Optional.of(URI.create(url)), timeout).put("/api/roster/{it}"))).start("127.0.0.1", 0);
    try {
      URI asked = request.build().uri();
      return Http.send(request.uri(URI.create("http://127.0.0.1:" + app.port() + asked.getRawPath()
          + (asked.getRawQuery() == null ? "" : "?" + asked.getRawQuery()))).build());
    } finally {
      app.stop();
    }
  }
}
