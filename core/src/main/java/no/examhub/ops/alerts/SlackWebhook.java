package no.examhub.ops.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import no.examhub.platform.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts {@code {"text": ...}} to a Slack incoming webhook. The URL is itself the secret (whoever
 * has it can post to the channel), so it is never logged.
 */
final class SlackWebhook implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(SlackWebhook.class);

  private final String url;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  SlackWebhook(String url) {
    this.url = url;
  }

  @Override
  public boolean configured() {
    return !url.isBlank();
  }

  @Override
  public boolean send(String text) {
    if (!configured()) {
      return false;
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(Map.of("text", text)))).build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 != 2) {
        LOG.warn("Slack webhook answered {}; the alert message is dropped", status);
      }
      return status / 100 == 2;
    } catch (IOException e) {
      LOG.warn("cannot reach the Slack webhook ({}); the alert message is dropped", e.getClass().getSimpleName());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
