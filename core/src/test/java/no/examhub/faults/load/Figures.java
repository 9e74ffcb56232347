package no.examhub.faults.load;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures a fault test prints, in the order they were added, one per line. */
final class Figures {
  private final String title;
  private final Map<String, Object> rows = new LinkedHashMap<>();

  Figures(String title) {
    this.title = title;
  }

  Figures add(String name, Object value) {
    rows.put(name, value);
    return this;
  }

  void print() {
    StringBuilder out = new StringBuilder(title).append('\n');
    rows.forEach((name, value) -> out.append(String.format("  %-58s %s%n", name,
        value instanceof Number n ? String.format("%,d", n.longValue()) : value)));
    System.out.print(out);
  }
}
