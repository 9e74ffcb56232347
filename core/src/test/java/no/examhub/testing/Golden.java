package no.examhub.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import no.examhub.platform.json.Json;

/**
 * Wire formats pinned in files under {@code core/src/test/resources/golden}: what a topic or a store
 * already holds must stay readable, and a command's JSON is what its id hashes. A file is written
 * only when asked ({@code -Dgolden.write=true}), never by a test that runs in CI; a missing file fails.
 */
public final class Golden {
  private static final Path ROOT = Path.of("core/src/test/resources/golden");

  private Golden() {}

  /** The value's JSON, exactly as the one mapper writes it, equals the pinned file. */
  public static void assertJson(String name, Object value) {
    assertEquals(text(name, value), Json.string(value), name + " changed its wire format");
  }

  /**
   * The value's JSON equals the pinned file, and the file reads back as an equal value that is
   * written back unchanged: both what is written now and what was written before are one format.
   */
  public static <T> void assertFormat(String name, T value, Class<T> type) {
    assertJson(name, value);
    T read = Json.read(text(name), type);
    assertEquals(value, read, name + " reads back as an equal value");
    assertEquals(text(name), Json.string(read), name + " is written back unchanged");
  }

  /** The pinned text (one line of JSON); with {@code golden.write}, the value's JSON is pinned first. */
  public static String text(String name, Object value) {
    if (Boolean.getBoolean("golden.write")) {
      write(name, Json.string(value));
    }
    return text(name);
  }

  public static String text(String name) {
    try {
      return Files.readString(ROOT.resolve(name + ".json"), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("no golden file " + name + " (write it once with -Dgolden.write=true)", e);
    }
  }

  private static void write(String name, String json) {
    try {
      Path file = ROOT.resolve(name + ".json");
      Files.createDirectories(file.getParent());
      Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
