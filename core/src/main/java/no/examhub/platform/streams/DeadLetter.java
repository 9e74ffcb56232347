package no.examhub.platform.streams;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import no.examhub.platform.json.JsonSerde;
import no.examhub.platform.kafka.Topic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A record Examhub could not process, with the reason and enough of its origin to find and replay it.
 *
 * @param errorCode a stable, machine-readable reason (e.g. {@code MALFORMED_JSON})
 * @param payload the value as it was read, as text (UTF-8) when it was text; cut to
 *     {@link #MAX_PAYLOAD_CHARS} with the whole one's length and SHA-256 noted at its end, so a
 *     letter always fits in one Kafka record (an uncut letter of a 660 KB webhook was 1.3 MB, over
 *     the 1 MiB limit, and killed the stream thread that wrote it, again and again)
 */
public record DeadLetter(
    String sourceTopic,
    int partition,
    long offset,
    String key,
    String stage,
    String errorCode,
    String reason,
    String payload,
    Instant failedAt) {
  /**
   * Records that could not be processed, with the reason; kept 30 days for replay. Declared here,
   * beside the record, because the platform's Streams handlers write it; {@code Topics} lists it.
   */
  public static final Topic<String, DeadLetter> TOPIC = new Topic<>("examhub.dead-letters", Serdes.String(),
      JsonSerde.of(DeadLetter.class), Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(30).toMillis())));

  /** At most 6 bytes a character once JSON-escaped: under 400 KB, well inside a record. */
  public static final int MAX_PAYLOAD_CHARS = 65_536;
  private static final int MAX_REASON_CHARS = 2_048;

  public DeadLetter {
    payload = cut(payload, MAX_PAYLOAD_CHARS);
    reason = cut(reason, MAX_REASON_CHARS);
  }

  /** Cut to at most {@code max} characters, the tail saying what was cut; a cut text stays as it is. */
  static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    String note = " ...[cut: " + text.length() + " chars, sha256 " + sha256(text) + "]";
    return text.substring(0, max - note.length()) + note;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
