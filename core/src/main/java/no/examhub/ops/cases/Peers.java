package no.examhub.ops.cases;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another Examhub instance for what only it holds, with the caller's credential (the API
 * caller's own Authorization, or the console's delegation, so the other instance authorises it
 * again) and {@link #FORWARDED}, which makes that instance answer from its own store instead of
 * forwarding once more: no request ever loops.
 */
final class Peers {
  static final String FORWARDED = "X-Examhub-Forwarded";
  static final String SERVED_BY = "X-Examhub-Served-By";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Duration timeout;

  Peers(Duration timeout) {
    this.timeout = timeout;
  }

  /** The peer's answer as it is: its status and body already follow the error contract. */
  record Answer(int status, byte[] body, String servedBy) {}

  /** @param credential the headers that authorise the request there, for {@code GET pathAndQuery} */
  Answer get(HostInfo peer, String pathAndQuery, CaseReader.Credential credential, String requestId) {
    String base = "http://" + peer.host() + ":" + peer.port();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
        .header(FORWARDED, "1").header("X-Request-Id", requestId).GET();
    credential.headers(base, "GET", pathAndQuery).forEach(request::header);
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), response.body(),
          response.headers().firstValue(SERVED_BY).orElse(base));
    } catch (HttpTimeoutException e) {
      throw new ApiException(ErrorCode.BACKEND_TIMEOUT, "The Examhub instance " + base + " that holds it did not answer in time.");
    } catch (IOException e) {
      throw new ApiException(ErrorCode.BACKEND_DOWN, "The Examhub instance " + base + " that holds it cannot be reached.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ErrorCode.BACKEND_DOWN, "Interrupted while asking " + base + ".");
    }
  }
}
