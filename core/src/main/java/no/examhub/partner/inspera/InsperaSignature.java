package no.examhub.partner.inspera;

import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import no.examhub.ingress.SignatureVerifier;
import no.examhub.ingress.SignatureVerifier.Verdict;
import no.examhub.platform.crypto.Hmac;

/**
 * Inspera signs each webhook with {@code X-Inspera-Signature}: the hex HMAC-SHA1 of the raw body,
 * keyed with the subscription's secret.
 */
public final class InsperaSignature {
  public static final String HEADER = "X-Inspera-Signature";
  private static final String ALGORITHM = "HmacSHA1";

  /** The scheme as a {@link SignatureVerifier}, so other sources may be configured to use it. */
  public static final SignatureVerifier VERIFIER = InsperaSignature::verify;

  private InsperaSignature() {}

  static Verdict verify(UnaryOperator<String> headers, byte[] body, List<String> secrets) {
    String signature = headers.apply(HEADER);
    if (signature == null || signature.isBlank()) {
      return Verdict.missing("Missing " + HEADER + " header.");
    }
    boolean valid = false;
    for (String secret : secrets) {
      valid |= verify(secret, body, signature);
    }
    return valid ? Verdict.VALID : Verdict.invalid("Invalid " + HEADER + ".");
  }

  public static String sign(String secret, byte[] body) {
    return HexFormat.of().formatHex(Hmac.sign(ALGORITHM, secret, body));
  }

  /** Compares bytes, not hex text, so upper- and lower-case hex both verify, in constant time. */
  public static boolean verify(String secret, byte[] body, String signature) {
    if (secret == null || signature == null) {
      return false;
    }
    String hex = signature.trim();
    if (hex.regionMatches(true, 0, "sha1=", 0, 5)) {
      hex = hex.substring(5);
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return Hmac.equal(Hmac.sign(ALGORITHM, secret, body), given);
  }
}
