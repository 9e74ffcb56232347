package no.examhub.ops.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The text of one aggregated Slack message: a headline with the totals, one line per key (most
 * frequent first), then the first few incidents with seed 003's fields.
 */
final class SlackText {
  private static final int MAX_LINES = 20;

  private SlackText() {}

  static String of(AlertWindow window, Duration interval) {
    StringBuilder text = new StringBuilder(headline(window, interval)).append(":\n");
    List<Map.Entry<Incident.Key, Integer>> lines = new ArrayList<>(window.counts().entrySet());
    lines.sort(Map.Entry.<Incident.Key, Integer>comparingByValue(Comparator.reverseOrder()));
    lines.stream().limit(MAX_LINES)
        .forEach(e -> text.append("• ").append(e.getKey()).append(" x").append(e.getValue()).append('\n'));
    if (lines.size() > MAX_LINES) {
      text.append("• … and ").append(lines.size() - MAX_LINES).append(" more kinds\n");
    }
    text.append("First of each kind:\n");
    for (Incident i : window.examples()) {
      text.append("> ").append(i.module()).append('/').append(i.submodule());
      i.details().forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
      text.append(" errorCode=").append(i.errorCode()).append(" message=").append(i.message()).append('\n');
    }
    return text.toString();
  }

  private static String headline(AlertWindow window, Duration interval) {
    List<String> parts = new ArrayList<>();
    int dead = window.total(Incident.DEAD_LETTER);
    int alerts = window.total(Incident.ALERT);
    if (dead > 0) {
      parts.add(dead + (dead == 1 ? " command" : " commands") + " dead-lettered");
    }
    if (alerts > 0) {
      parts.add(alerts + (alerts == 1 ? " alert" : " alerts"));
    }
    return String.join(" and ", parts) + " in the last " + describe(interval);
  }

  private static String describe(Duration interval) {
    if (interval.equals(Duration.ofMinutes(1))) {
      return "minute";
    }
    return interval.toString().substring(2).toLowerCase();
  }
}
