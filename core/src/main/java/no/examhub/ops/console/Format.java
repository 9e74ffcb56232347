package no.examhub.ops.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes times (UTC, to the second) and path segments. */
final class Format {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Format() {}

  static String instant(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  static String instant(String iso) {
    try {
      return iso == null ? "" : instant(Instant.parse(iso));
    } catch (RuntimeException notAnInstant) {
      return iso;
    }
  }

  static String date(LocalDate date) {
    return date == null ? "" : date.toString();
  }

  static String path(String segment) {
    return URLEncoder.encode(segment == null ? "" : segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
