package no.examhub.partner.metrica;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import no.examhub.platform.http.ErrorCode;

/**
 * Calls Metrica's back end without holding a thread. A connection that cannot be made is retried
 * at most {@code retries} times (seed 004: "reconnection strategies with maximum of 2 retry
 * attempts"): the request never reached Metrica, so even a POST is safe to repeat. A GET whose
 * connection breaks before the answer is retried the same way; a POST then is not, since Metrica
 * may have saved it. No answer within the read timeout fails with 70504, no connection with 70503.
 * The JDK's client itself also reconnects once, inside one attempt, when a GET's connection drops
 * or a connection is refused; {@link #attempts()} counts our attempts, not its connections.
 *
 * <p>Every call carries Examhub's own Metrica credential ({@code Authorization: Bearer}, the
 * secret of the account institution's {@code metrica} partner credentials), never the caller's
 * token: a caller's token is Examhub's to check, and Metrica knows only Examhub. With no
 * credential stored, nothing is sent and the call fails with 70502.
 */
final class MetricaClient {
  private final HttpClient http;
  private final Supplier<String> baseUrl;
  private final Supplier<Optional<String>> credential;
  private final Duration readTimeout;
  private final int retries;
  private final AtomicLong attempts = new AtomicLong();

  MetricaClient(Supplier<String> baseUrl, Supplier<Optional<String>> credential, Duration connectTimeout,
      Duration readTimeout, int retries) {
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    this.baseUrl = baseUrl;
    this.credential = credential;
    this.readTimeout = readTimeout;
    this.retries = retries;
  }

  /** {@code pathAndQuery} is what follows the base URL, e.g. {@code /v1/results/123}. */
  CompletableFuture<HttpResponse<byte[]>> send(String method, String pathAndQuery, byte[] body, String contentType) {
    String base = baseUrl.get();
    if (base.isEmpty()) {
      return CompletableFuture.failedFuture(new BackendFailure(ErrorCode.BACKEND_DOWN,
          new IllegalStateException("no Metrica back end configured (EXAMHUB_METRICA_URL)")));
    }
    Optional<String> secret = credential.get().filter(c -> !c.isBlank());
    if (secret.isEmpty()) {
      return CompletableFuture.failedFuture(new BackendFailure(ErrorCode.BACKEND_REFUSED_EXAMHUB,
          new IllegalStateException("no Metrica credential stored for Examhub (partner_credentials .../metrica)")));
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .timeout(readTimeout)
        .header("Authorization", "Bearer " + secret.get())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return attempt(b.build(), 0);
  }

  private CompletableFuture<HttpResponse<byte[]>> attempt(HttpRequest request, int attempt) {
    attempts.incrementAndGet();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .exceptionallyCompose(error -> {
          Throwable cause = unwrap(error);
          if (attempt < retries && retryable(request, cause)) {
            return attempt(request, attempt + 1);
          }
          return CompletableFuture.failedFuture(new BackendFailure(codeFor(cause), cause));
        });
  }

  /** Requests sent to Metrica so far, retries included. */
  long attempts() {
    return attempts.get();
  }

  private static boolean retryable(HttpRequest request, Throwable cause) {
    if (connectionNotMade(cause)) {
      return true;
    }
    return "GET".equals(request.method()) && cause instanceof IOException && !(cause instanceof HttpTimeoutException);
  }

  private static boolean connectionNotMade(Throwable cause) {
    return cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
  }

  static ErrorCode codeFor(Throwable cause) {
    if (!connectionNotMade(cause) && cause instanceof HttpTimeoutException) {
      return ErrorCode.BACKEND_TIMEOUT;
    }
    return ErrorCode.BACKEND_DOWN;
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  /** Metrica could not be reached or did not answer in time; {@link #code()} says which. */
  static final class BackendFailure extends RuntimeException {
    private final ErrorCode code;

    BackendFailure(ErrorCode code, Throwable cause) {
      super(cause.getClass().getSimpleName(), cause, false, false);
      this.code = code;
    }

    ErrorCode code() {
      return code;
    }
  }
}
