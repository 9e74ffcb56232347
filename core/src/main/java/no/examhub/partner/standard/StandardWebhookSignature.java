package no.examhub.partner.standard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import no.examhub.ingress.SignatureVerifier;
import no.examhub.platform.crypto.Hmac;

/**
 * The Standard Webhooks v1 scheme: {@code webhook-signature} is a space-separated list of
 * {@code v1,<base64 HMAC-SHA256>} over {@code webhook-id.webhook-timestamp.body}, keyed with the
 * base64 after {@code whsec_}. Any one signature made with any one secret passes, so a sender can
 * sign with old and new secrets while a secret is rotated. A timestamp outside the tolerance is
 * refused, so a captured request cannot be replayed later.
 */
public final class StandardWebhookSignature implements SignatureVerifier {
  public static final String ID = "webhook-id";
  public static final String TIMESTAMP = "webhook-timestamp";
  public static final String SIGNATURE = "webhook-signature";
  private static final String PREFIX = "whsec_";
  private static final String ALGORITHM = "HmacSHA256";
  /** A new Mac per request costs 10-20% of the ingress rate; one per thread is reused. */
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(StandardWebhookSignature::newMac);

  private final Clock clock;
  private final Duration tolerance;

  public StandardWebhookSignature(Clock clock, Duration tolerance) {
    this.clock = clock;
    this.tolerance = tolerance;
  }

  @Override
  public Verdict verify(UnaryOperator<String> headers, byte[] body, List<String> secrets) {
    String id = headers.apply(ID);
    String timestamp = headers.apply(TIMESTAMP);
    String signatures = headers.apply(SIGNATURE);
    if (isBlank(id) || isBlank(timestamp) || isBlank(signatures)) {
      return Verdict.missing("Missing " + ID + ", " + TIMESTAMP + " or " + SIGNATURE + " header.");
    }
    Long seconds = parseSeconds(timestamp);
    if (seconds == null) {
      return Verdict.invalid(TIMESTAMP + " must be unix seconds.");
    }
    if (Math.abs(clock.instant().getEpochSecond() - seconds) > tolerance.toSeconds()) {
      return Verdict.invalid(TIMESTAMP + " is too old or in the future (tolerance " + tolerance + ").");
    }
    byte[] content = signedContent(id, timestamp, body);
    List<byte[]> given = v1Signatures(signatures);
    boolean valid = false;
    for (String secret : secrets) {
      byte[] key = key(secret);
      if (key != null && key.length > 0) {
        byte[] expected = sign(key, content);
        for (byte[] candidate : given) {
          valid |= Hmac.equal(expected, candidate);
        }
      }
    }
    return valid ? Verdict.VALID : Verdict.invalid("Invalid " + SIGNATURE + ".");
  }

  /** The header value a sender computes: {@code v1,<base64>}; used by tests and the simulator. */
  public static String sign(String secret, String id, long timestamp, byte[] body) {
    byte[] mac = sign(key(secret), signedContent(id, Long.toString(timestamp), body));
    return "v1," + Base64.getEncoder().encodeToString(mac);
  }

  static byte[] signedContent(String id, String timestamp, byte[] body) {
    byte[] head = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[head.length + body.length];
    System.arraycopy(head, 0, content, 0, head.length);
    System.arraycopy(body, 0, content, head.length, body.length);
    return content;
  }

  private static List<byte[]> v1Signatures(String header) {
    List<byte[]> found = new ArrayList<>(2);
    for (String part : header.trim().split(" +")) {
      if (part.startsWith("v1,")) {
        try {
          found.add(Base64.getDecoder().decode(part.substring(3)));
        } catch (IllegalArgumentException notBase64) {
          // Another signature in the list may still be valid.
        }
      }
    }
    return found;
  }

  /** The key is the base64 after {@code whsec_}; a secret that is not is ignored, never logged. */
  private static byte[] key(String secret) {
    if (secret == null) {
      return null;
    }
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  private static byte[] sign(byte[] key, byte[] content) {
    Mac mac = MAC.get();
    try {
      mac.init(new SecretKeySpec(key, ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " rejected its key", e);
    }
    return mac.doFinal(content);
  }

  private static Mac newMac() {
    try {
      return Mac.getInstance(ALGORITHM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    }
  }

  private static Long parseSeconds(String timestamp) {
    try {
      return Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
