package no.examhub.ingress;

import java.util.List;
import java.util.function.UnaryOperator;
import no.examhub.platform.http.ErrorCode;

/**
 * One way a partner proves that it sent a request (Inspera's hex HMAC-SHA1 header, Standard
 * Webhooks' {@code webhook-signature}, ...). Routes depend on this, not on a scheme, so a partner
 * that signs in a known way needs configuration, not code ({@link SignatureSchemes}).
 */
@FunctionalInterface
public interface SignatureVerifier {

  /**
   * Whether {@code body} with these headers was signed with any one of {@code secrets} (several
   * while a secret is rotated). Must compare in constant time and never log a secret.
   *
   * @param headers header by (case-insensitive) name, null when absent
   */
  Verdict verify(UnaryOperator<String> headers, byte[] body, List<String> secrets);

  /** The outcome: valid, or the error code and a message safe to show the caller. */
  record Verdict(ErrorCode code, String message) {
    public static final Verdict VALID = new Verdict(null, null);

    public static Verdict missing(String message) {
      return new Verdict(ErrorCode.MISSING_CREDENTIALS, message);
    }

    public static Verdict invalid(String message) {
      return new Verdict(ErrorCode.INVALID_CREDENTIALS, message);
    }

    public boolean valid() {
      return code == null;
    }
  }
}
