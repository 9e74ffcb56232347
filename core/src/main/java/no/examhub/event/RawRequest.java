package no.examhub.event;

import java.time.Instant;
import java.util.Map;

/**
 * An inbound request exactly as a partner sent it, written to its source's raw topic before the
 * partner gets its 2xx. Secrets are stripped from the headers; the body is kept byte for byte so
 * the request can be re-read, re-verified and replayed.
 */
public record RawRequest(
    String requestId,
    String source,
    String institution,
    Instant receivedAt,
    Map<String, String> headers,
    byte[] body) {

  /** The body as text (UTF-8): what a dead letter keeps of it for replay. */
  public String bodyText() {
    return body == null ? null : new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }
}
