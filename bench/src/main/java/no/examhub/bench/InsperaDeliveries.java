package no.examhub.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import no.examhub.event.RawRequest;

/**
 * Inspera webhooks as the ingress stores them: signed as Inspera signs (hex HMAC-SHA1 of the body,
 * {@code InsperaSignature}), with a fresh request id and arrival time per delivery and the headers
 * minus credentials. One {@link Mac} and a seeded id source for the whole pre-fill: a new Mac and
 * SecureRandom per record made the pre-fill slower than the topology it feeds.
 */
final class InsperaDeliveries {
  static final String SECRET = "bench-inspera-secret";

  private final Random ids = new Random(7);
  private final Mac mac;
  private final String institution;

  InsperaDeliveries(String institution) {
    this.institution = institution;
    try {
      mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA1", e);
    }
  }

  String sign(byte[] body) {
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  RawRequest delivery(byte[] body, String signature) {
    Map<String, String> headers = Map.of("content-type", "application/json", "content-length",
        Integer.toString(body.length), "host", "examhub.example.org", "user-agent", "Inspera-Webhooks/1.0",
        "x-inspera-signature", signature);
    return new RawRequest(requestId(), "inspera", institution, Instant.now(), headers, body);
  }

  /** Shaped like a random (version 4) UUID. */
  String requestId() {
    return new UUID(ids.nextLong() & 0xffffffffffff0fffL | 0x4000L, ids.nextLong() & 0x3fffffffffffffffL
        | 0x8000000000000000L).toString();
  }
}
