package no.examhub.platform.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants as ISO-8601 UTC text ({@code 2026-11-24T08:00:00Z}, fraction in groups of three digits
 * when there is one), read and written by hand. Every record on every topic carries instants,
 * and the formatter-based {@link Instant#parse} and {@link Instant#toString} were more than a tenth
 * of the topology's CPU in the bench profile (docs/performance.md). The results are exactly
 * theirs: anything outside years 0000-9999 in this one form is handed to them.
 */
public final class IsoInstants {
  private static final long SECONDS_PER_DAY = 86_400;
  private static final long FIRST_SECOND_OF_YEAR_0 = -62_167_219_200L;
  private static final long LAST_SECOND_OF_YEAR_9999 = 253_402_300_799L;
  private static final int[] SCALE = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

  private IsoInstants() {}

  /** As {@link Instant#parse}, including its exception for text that is not an instant. */
  public static Instant parse(CharSequence text) {
    Instant fast = parseOrNull(text);
    return fast != null ? fast : Instant.parse(text);
  }

  /** As {@link Instant#toString}. */
  public static String format(Instant instant) {
    if (instant.getEpochSecond() < FIRST_SECOND_OF_YEAR_0 || instant.getEpochSecond() > LAST_SECOND_OF_YEAR_9999) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY));
    int secondOfDay = (int) Math.floorMod(instant.getEpochSecond(), SECONDS_PER_DAY);
    StringBuilder s = new StringBuilder(30);
    pad(s, date.getYear(), 4).append('-');
    pad(s, date.getMonthValue(), 2).append('-');
    pad(s, date.getDayOfMonth(), 2).append('T');
    pad(s, secondOfDay / 3_600, 2).append(':');
    pad(s, secondOfDay / 60 % 60, 2).append(':');
    pad(s, secondOfDay % 60, 2);
    int nano = instant.getNano();
    if (nano > 0) {
      s.append('.');
      if (nano % 1_000_000 == 0) {
        pad(s, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        pad(s, nano / 1_000, 6);
      } else {
        pad(s, nano, 9);
      }
    }
    return s.append('Z').toString();
  }

  /** The instant when the text is exactly {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} and valid; otherwise null. */
  static Instant parseOrNull(CharSequence s) {
    int n = s.length();
    if (n < 20 || n == 21 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':' || n > 20 && s.charAt(19) != '.') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int fraction = n > 20 ? digits(s, 20, n - 1) : 0;
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 59 || fraction < 0) {
      return null;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    int nanos = n > 20 ? fraction * SCALE[n - 22] : 0;
    return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The decimal number in {@code s[from, to)}, or -1 when a character is not a digit. */
  private static int digits(CharSequence s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static StringBuilder pad(StringBuilder s, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      s.append('0');
    }
    return s.append(digits);
  }
}
