package no.examhub.partner.standard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHttp;

/**
 * Sends a webhook signed per Standard Webhooks v1: {@code webhook-id}, {@code webhook-timestamp}
 * (the attempt's time, as the scheme asks) and {@code webhook-signature} over the exact bytes
 * sent. Any 2xx is accepted whatever its body (receivers often answer plain text); 408, 429, 5xx
 * and connection failures are retryable, other statuses are not.
 */
public final class StandardWebhookSender {
  private final HttpClient client;
  private final Duration readTimeout;
  private final Clock clock;

  public StandardWebhookSender(Duration connectTimeout, Duration readTimeout, Clock clock) {
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.readTimeout = readTimeout;
    this.clock = clock;
  }

  /** POSTs {@code body}; the webhook id is also the Idempotency-Key, so a receiver can use either. */
  public void send(String url, String webhookId, String secret, byte[] body) throws PartnerFailure {
    HttpRequest request;
    try {
      request = request(url, webhookId, secret, body);
    } catch (RuntimeException badUrlOrSecret) {
      // A misconfigured receiver will not get better by retrying; the message names neither.
      throw PartnerFailure.permanent("BAD_RECEIVER", "webhook URL or secret is not usable");
    }
    int status;
    try {
      status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException e) {
      throw PartnerFailure.retryable("TIMEOUT", "webhook timed out");
    } catch (IOException e) {
      throw PartnerFailure.retryable("CONNECTION", "webhook not delivered: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PartnerFailure.retryable("INTERRUPTED", "interrupted");
    }
    if (status < 200 || status >= 300) {
      boolean retryable = status == 408 || status == 429 || status >= 500;
      throw new PartnerFailure(Integer.toString(status), "webhook answered " + status, retryable, null);
    }
  }

  private HttpRequest request(String url, String webhookId, String secret, byte[] body) {
    long timestamp = clock.instant().getEpochSecond();
    return HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout)
        .header("Content-Type", "application/json")
        .header(PartnerHttp.IDEMPOTENCY_KEY, webhookId)
        .header(StandardWebhookSignature.ID, webhookId)
        .header(StandardWebhookSignature.TIMESTAMP, Long.toString(timestamp))
        .header(StandardWebhookSignature.SIGNATURE, StandardWebhookSignature.sign(secret, webhookId, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }
}
