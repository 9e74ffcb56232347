package no.examhub.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** An operator's calls to the operator API of one instance, with a bearer token. */
public final class Operator {
  private final String baseUrl;
  private final String token;

  public Operator(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  public static Operator of(TestHub hub) {
    return new Operator(hub.baseUrl(), hub.demo().adminToken());
  }

  public HttpResponse<String> get(String path) {
    return Http.send(request(path).GET().build());
  }

  public HttpResponse<String> put(String path, String json) {
    return Http.send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
  }

  public HttpResponse<String> post(String path, String json) {
    return Http.send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }
}
