package no.examhub.platform.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** The human-readable console layout, with national ids redacted from each line as a whole. */
public final class RedactingPatternLayout extends PatternLayout {
  @Override
  public String doLayout(ILoggingEvent event) {
    return Redaction.redact(super.doLayout(event));
  }
}
