package no.examhub.platform.logging;

import java.util.regex.Pattern;

/**
 * Removes what looks like a Norwegian national id (fødselsnummer, 11 digits, sometimes written
 * 6 + 5) from text bound for logs or error messages. Parsers quote the offending input in their
 * messages, so any such message is redacted before it is logged.
 */
public final class Redaction {
  private static final Pattern NATIONAL_ID = Pattern.compile("(?<!\\d)\\d{6}\\s?\\d{5}(?!\\d)");

  private Redaction() {}

  public static String redact(String text) {
    return text == null ? null : NATIONAL_ID.matcher(text).replaceAll("<redacted>");
  }
}
