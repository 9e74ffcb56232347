package no.examhub.partner.proctoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.crypto.Hmac;

/**
 * The server-held key under which roster access codes are stored: HMAC-SHA256 of the code, hex.
 * A plain SHA-256 of a short access code is undone by trying every code; without the key, a copy
 * of the roster topic or a store gives nothing to try codes against. The key is
 * {@code EXAMHUB_ACCESS_CODE_KEY} (required when simulators are off); the embedded default
 * generates one on its first start in {@code EXAMHUB_DATA_DIR/access-code.key} and keeps it, so
 * uploaded rosters survive a restart.
 */
public final class AccessCodeKey {
  static final String FILE = "access-code.key";

  private final byte[] key;

  public AccessCodeKey(String key) {
    if (key == null || key.length() < 32) {
      throw new IllegalArgumentException("an access-code key has at least 32 characters");
    }
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  /** The configured key, or the embedded default's kept (or new) one. */
  public static AccessCodeKey of(ExamhubConfig config) {
    if (!config.accessCodeKey().isEmpty()) {
      return new AccessCodeKey(config.accessCodeKey());
    }
    if (!config.simulatorsEnabled()) {
      throw new IllegalStateException("EXAMHUB_ACCESS_CODE_KEY is required when simulators are off");
    }
    return new AccessCodeKey(kept(config.dataDir().resolve(FILE)));
  }

  private static synchronized String kept(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      String key = HexFormat.of().formatHex(fresh);
      Files.createDirectories(file.getParent());
      Files.writeString(file, key, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      return key;
    } catch (IOException e) {
      throw new IllegalStateException("cannot keep the access-code key in " + file, e);
    }
  }

  /** What the roster stores for a clear access code. */
  public String mac(String accessCode) {
    return HexFormat.of().formatHex(Hmac.sign("HmacSHA256", key, accessCode.getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether a presented code matches the stored MAC, in constant time; false for a missing one. */
  public boolean matches(String storedMac, String presented) {
    String actual = mac(presented == null ? "" : presented);
    return storedMac != null && presented != null && Hmac.equal(storedMac, actual);
  }

  /**
   * A key for another purpose of the same deployment (e.g. console delegations), derived so that
   * every instance with this key has it and no one learns this key from it.
   */
  public byte[] derive(String purpose) {
    return Hmac.sign("HmacSHA256", key, ("examhub-derived-key:" + purpose).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "AccessCodeKey[hidden]";
  }
}
