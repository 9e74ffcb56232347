package no.examhub.ops.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What arrived within one window: counts by key and the first few incidents in full. Counting
 * instead of queueing keeps an outage's thousands of dead letters at a few bytes each.
 */
final class AlertWindow {
  /**
   * One example of each kind, the first of it, for this many kinds: a burst of one failure must not
   * hide the one example of another (48 of one partner's errors used to fill all five places).
   */
  static final int EXAMPLES = 10;

  private final Map<Incident.Key, Integer> counts = new LinkedHashMap<>();
  private final List<Incident> examples = new ArrayList<>();

  void add(Incident incident) {
    boolean newKind = counts.merge(incident.key(), 1, Integer::sum) == 1;
    if (newKind && examples.size() < EXAMPLES) {
      examples.add(incident);
    }
  }

  boolean isEmpty() {
    return counts.isEmpty();
  }

  /** Takes out what the predicate matches; returns how many incidents that was. */
  int remove(Predicate<Incident.Key> matching) {
    int removed = 0;
    var it = counts.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      if (matching.test(e.getKey())) {
        removed += e.getValue();
        it.remove();
      }
    }
    examples.removeIf(i -> matching.test(i.key()));
    return removed;
  }

  Map<Incident.Key, Integer> counts() {
    return counts;
  }

  List<Incident> examples() {
    return examples;
  }

  int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  int total(String source) {
    return counts.entrySet().stream().filter(e -> e.getKey().source().equals(source))
        .mapToInt(Map.Entry::getValue).sum();
  }
}
