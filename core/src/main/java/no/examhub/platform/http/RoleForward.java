package no.examhub.platform.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends a request this instance cannot serve (it lacks the role) to one that can
 * ({@code EXAMHUB_STREAMS_URL}), as it came: method, path, query, body and headers, minus the
 * hop-by-hop ones. Credentials pass through untouched, so the target authorises the caller itself,
 * and the target's answer is passed back as it is. The body was already held to this instance's
 * body limit before the route ran; the target holds it to its own. A target that does not answer
 * in time, or cannot be reached, is {@code 503 70503} with {@code Retry-After}, never a 500. A
 * request that was forwarded once ({@link #VIA}) is not forwarded again: two instances pointed at
 * each other answer 421 instead of looping.
 */
final class RoleForward implements Handler {
  static final String VIA = "X-Examhub-Via";
  /** RFC 9110 7.6.1, and what java.net.http sets itself (it refuses to be given them). */
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
      "content-length", "expect", "http2-settings");

  /** What this server writes on every answer itself. */
  private static final Set<String> OWN = Set.of("date", "server");

  private final URI target;
  private final Duration timeout;
  private final Handler refuse;
  private final HttpClient http;

  RoleForward(URI target, Duration timeout, Handler refuse) {
    this.target = target;
    this.timeout = timeout;
    this.refuse = refuse;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
        .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public void handle(Context ctx) throws Exception {
    if (ctx.header(VIA) != null) {
      refuse.handle(ctx);
      return;
    }
    HttpResponse<byte[]> answer = send(ctx);
    ctx.status(answer.statusCode());
    answer.headers().map().forEach((name, values) -> {
      if (!hopByHop(name) && !OWN.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":") && !values.isEmpty()) {
        // Set, not added: this server may have set its own already (the request id), Set-Cookie may repeat.
        ctx.res().setHeader(name, values.get(0));
        values.subList(1, values.size()).forEach(v -> ctx.res().addHeader(name, v));
      }
    });
    ctx.result(answer.body());
  }

  private HttpResponse<byte[]> send(Context ctx) {
    String query = ctx.queryString();
    byte[] body = ctx.bodyAsBytes();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + ctx.path() + (query == null ? "" : "?" + query)))
        .timeout(timeout).method(ctx.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    List<String> named = connectionNamed(ctx.header("Connection"));
    for (String name : ctx.headerMap().keySet()) {
      if (!hopByHop(name) && !named.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase(VIA)) {
        ctx.req().getHeaders(name).asIterator().forEachRemaining(v -> request.header(name, v));
      }
    }
    String forwardedFor = ctx.header("X-Forwarded-For");
    request.setHeader("X-Forwarded-For", (forwardedFor == null ? "" : forwardedFor + ", ") + ctx.ip());
    if (ctx.header("X-Forwarded-Proto") == null) {
      request.header("X-Forwarded-Proto", ctx.scheme());
    }
    request.header(VIA, "role-forward");
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw unavailable("did not answer within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      throw unavailable("cannot be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("was not asked (interrupted)");
    }
  }

  private ApiException unavailable(String why) {
    return new ApiException(ErrorCode.BACKEND_DOWN, "The instance this is forwarded to (" + target + ") " + why
        + "; retry shortly.", Map.of("Retry-After", "5"));
  }

  private static boolean hopByHop(String name) {
    return HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Headers the Connection header names are this hop's only, too. */
  private static List<String> connectionNamed(String connection) {
    return connection == null ? List.of() : List.of(connection.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
  }
}
