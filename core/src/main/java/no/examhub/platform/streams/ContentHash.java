package no.examhub.platform.streams;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over business fields. Each field is length-prefixed, so ("ab", "c") and ("a", "bc")
 * differ, and a missing field differs from an empty one.
 */
public final class ContentHash {
  private ContentHash() {}

  public static String of(Object... fields) {
    MessageDigest digest = sha256();
    for (Object field : fields) {
      if (field == null) {
        digest.update((byte) 0);
        continue;
      }
      byte[] bytes = field.toString().getBytes(StandardCharsets.UTF_8);
      digest.update((byte) 1);
      digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      digest.update((byte) ':');
      digest.update(bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
