package no.examhub.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import no.examhub.platform.json.Json;

/**
 * JSON over HTTP for the partner clients, with connect and read timeouts, the idempotency key on
 * every call, and one mapping from HTTP outcomes to {@link PartnerFailure}.
 */
public final class PartnerHttp {
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final HttpClient client;
  private final Duration readTimeout;

  public PartnerHttp(Duration connectTimeout, Duration readTimeout) {
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.readTimeout = readTimeout;
  }

  public JsonNode get(String url, String idempotencyKey, Map<String, String> headers) throws PartnerFailure {
    return send(request(url, idempotencyKey, headers).GET());
  }

  public JsonNode post(String url, Object body, String idempotencyKey, Map<String, String> headers) throws PartnerFailure {
    return send(request(url, idempotencyKey, headers).POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
  }

  public JsonNode patch(String url, Object body, String idempotencyKey, Map<String, String> headers) throws PartnerFailure {
    return send(request(url, idempotencyKey, headers)
        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
  }

  public JsonNode delete(String url, String idempotencyKey, Map<String, String> headers) throws PartnerFailure {
    return send(request(url, idempotencyKey, headers).DELETE());
  }

  private HttpRequest.Builder request(String url, String idempotencyKey, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout)
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .header(IDEMPOTENCY_KEY, idempotencyKey);
    headers.forEach(b::header);
    return b;
  }

  private JsonNode send(HttpRequest.Builder builder) throws PartnerFailure {
    HttpRequest request = builder.build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw PartnerFailure.retryable("TIMEOUT", request.method() + " " + request.uri().getPath() + " timed out");
    } catch (IOException e) {
      throw PartnerFailure.retryable("CONNECTION", request.method() + " " + request.uri().getPath() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PartnerFailure.retryable("INTERRUPTED", "interrupted");
    }
    return answer(request, response);
  }

  private static JsonNode answer(HttpRequest request, HttpResponse<byte[]> response) throws PartnerFailure {
    int status = response.statusCode();
    String where = request.method() + " " + request.uri().getPath() + " answered " + status;
    if (status >= 200 && status < 300) {
      if (response.body().length == 0) {
        return Json.MAPPER.createObjectNode();
      }
      try {
        return Json.MAPPER.readTree(response.body());
      } catch (IOException e) {
        throw PartnerFailure.unreadableAnswer("UNREADABLE_ANSWER", where + " with a body that is not JSON");
      }
    }
    boolean retryable = status == 408 || status == 429 || status >= 500;
    Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(PartnerHttp::seconds).orElse(null);
    throw new PartnerFailure(Integer.toString(status), where, retryable, retryAfter);
  }

  private static java.util.Optional<Duration> seconds(String value) {
    try {
      return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
