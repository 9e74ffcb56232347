package no.examhub.platform.process;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start-up has started so far, closed in reverse order: a part is closed before the parts
 * it was built on. A part that fails to close is logged and the rest are still closed.
 */
public final class Started implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Started.class);

  private final Deque<AutoCloseable> parts = new ArrayDeque<>();

  /** Remembers {@code part} to close, and returns it. */
  public <T extends AutoCloseable> T remember(T part) {
    parts.push(part);
    return part;
  }

  @Override
  public void close() {
    while (!parts.isEmpty()) {
      AutoCloseable next = parts.pop();
      try {
        next.close();
      } catch (Exception e) {
        LOG.warn("error while stopping {}: {}", next.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
