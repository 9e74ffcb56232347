package no.examhub.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC signatures and constant-time comparison, for every partner that signs its requests. */
public final class Hmac {
  private Hmac() {}

  public static byte[] sign(String algorithm, byte[] key, byte[] content) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  public static byte[] sign(String algorithm, String key, byte[] content) {
    return sign(algorithm, key.getBytes(StandardCharsets.UTF_8), content);
  }

  /** SHA-256 of a secret as hex: what is stored for secrets a partner sends in clear. */
  public static String sha256Hex(String secret) {
    try {
      return java.util.HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Whether a secret sent in clear matches a stored SHA-256 hash, in constant time. */
  public static boolean matchesHash(String storedHashHex, String presented) {
    return storedHashHex != null && presented != null && equal(storedHashHex, sha256Hex(presented));
  }

  /** Takes the same time whatever the inputs share, so a forger learns nothing from timing. */
  public static boolean equal(byte[] expected, byte[] actual) {
    return expected != null && actual != null && MessageDigest.isEqual(expected, actual);
  }

  public static boolean equal(String expected, String actual) {
    return expected != null && actual != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }
}
