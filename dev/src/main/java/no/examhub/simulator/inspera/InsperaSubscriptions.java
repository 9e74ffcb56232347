package no.examhub.simulator.inspera;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import no.examhub.partner.inspera.InsperaSignature;
import no.examhub.platform.json.Json;

/**
 * A tenant's webhook subscriptions (Inspera KB "Webhooks"): one event per subscription, listed as
 * {@code {"subscriptions": [{"subscriptionId", "event", "endpoint", "lastModified"}]}}. A new one is
 * validated first: Inspera POSTs {@code {"contextObjectId": 0, "contextObjectTitle": <uuid>, "event":
 * "verification", "timestamp"}} to the endpoint (signed with the new secret, 10 s, not retried) and
 * registers the subscription only on {@code 200 OK}. The secret is never listed back.
 */
public final class InsperaSubscriptions {
  /** A registered subscription; {@code secret} stays in the simulator. */
  public record Subscription(long subscriptionId, String event, String endpoint, String secret, Instant lastModified) {
    Map<String, Object> listed() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("subscriptionId", subscriptionId);
      m.put("event", event);
      m.put("endpoint", endpoint);
      m.put("lastModified", lastModified.toString());
      return m;
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final AtomicLong IDS = new AtomicLong(1000);
  private final Map<Long, Subscription> subscriptions = new ConcurrentHashMap<>();

  public List<Subscription> all() {
    return subscriptions.values().stream().sorted(java.util.Comparator.comparingLong(Subscription::subscriptionId))
        .toList();
  }

  Map<String, Object> listing() {
    return Map.of("subscriptions", all().stream().map(Subscription::listed).toList());
  }

  /** Validates the endpoint, then registers; empty when the endpoint did not answer 200. */
  java.util.Optional<Subscription> register(String event, String endpoint, String secret) {
    if (!validates(endpoint, secret)) {
      return java.util.Optional.empty();
    }
    Subscription s = new Subscription(IDS.incrementAndGet(), event, endpoint, secret, Instant.now());
    subscriptions.put(s.subscriptionId(), s);
    return java.util.Optional.of(s);
  }

  boolean remove(long id) {
    return subscriptions.remove(id) != null;
  }

  private static boolean validates(String endpoint, String secret) {
    byte[] body = Json.bytes(Map.of("contextObjectId", 0, "contextObjectTitle", UUID.randomUUID().toString(),
        "event", "verification", "timestamp", Instant.now().toString()));
    try {
      HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header(InsperaSignature.HEADER, InsperaSignature.sign(secret, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
      return answer.statusCode() == 200;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
