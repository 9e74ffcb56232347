package no.examhub.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per line, for Humio or any log shipper: time, level, logger, thread, message,
 * the MDC fields (seed 003's env, orgId, examSys, vurdId, kandidatnr, submodule, success,
 * errorMessage, errorCode, topic, offset, commandId, requestId ...) and the stack trace. Every
 * text is redacted of national ids on its way out, whatever the code above it logged.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
  private static final int MAX_STACK_LINES = 40;
  /**
   * Its own plain mapper, not {@code platform/json}'s: a line holds only strings, and the JSON
   * serdes redact through this package, so using theirs would tie the two packages in a cycle.
   */
  private static final ObjectMapper LINES = new ObjectMapper();

  @Override
  public String doLayout(ILoggingEvent event) {
    ObjectNode line = LINES.createObjectNode();
    line.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    line.put("level", event.getLevel().toString());
    line.put("logger", event.getLoggerName());
    line.put("thread", event.getThreadName());
    line.put("message", Redaction.redact(event.getFormattedMessage()));
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc != null) {
      mdc.forEach((k, v) -> line.put(k, Redaction.redact(v)));
    }
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      line.put("error", Redaction.redact(error.getClassName() + ": " + error.getMessage()));
      line.put("stack", Redaction.redact(stack(error)));
    }
    try {
      return LINES.writeValueAsString(line) + "\n";
    } catch (JsonProcessingException e) {
      return "{\"level\":\"ERROR\",\"message\":\"unloggable event\"}\n";
    }
  }

  private static String stack(IThrowableProxy error) {
    StringBuilder b = new StringBuilder();
    int lines = 0;
    for (IThrowableProxy t = error; t != null && lines < MAX_STACK_LINES; t = t.getCause()) {
      if (t != error) {
        b.append("Caused by: ").append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
      }
      for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
        if (++lines > MAX_STACK_LINES) {
          break;
        }
        b.append(frame.getSTEAsString()).append('\n');
      }
    }
    return b.toString();
  }
}
