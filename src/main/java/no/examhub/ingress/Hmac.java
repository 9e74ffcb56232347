package no.examhub.ingress;

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

  /** Takes the same time whatever the inputs share, so a forger learns nothing from timing. */
  public static boolean equal(byte[] expected, byte[] actual) {
    return expected != null && actual != null && MessageDigest.isEqual(expected, actual);
  }

  public static boolean equal(String expected, String actual) {
    return expected != null && actual != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }
}
