package no.examhub.flow.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A count over this instance's cases: open appeals and explanations by state, theses held for
 * archiving, and how long until the next of them is due. A pure function of the cases, so the
 * gauges read a snapshot and the scrape never walks the store.
 *
 * @param open open cases by {@code flow/state}, every pair present (zero when none)
 * @param thesesHeld graded theses not yet archived
 * @param nextDue seconds until the earliest held thesis is due (negative when overdue, held by an
 *     open case); NaN when none is held
 */
record CaseCensus(Map<String, Integer> open, int thesesHeld, double nextDue) {
  /** The label pairs of {@code examhub.cases.open}: the fixed, small set of open states. */
  static final List<String[]> OPEN_STATES = List.of(
      new String[] {"appeal", "active"}, new String[] {"appeal", "decided"},
      new String[] {"explanation", "requested"}, new String[] {"explanation", "published"});

  static final CaseCensus EMPTY = of(List.of(), Instant.EPOCH);

  static CaseCensus of(Iterable<CaseState> cases, Instant now) {
    Map<String, Integer> open = new LinkedHashMap<>();
    OPEN_STATES.forEach(p -> open.put(key(p[0], p[1]), 0));
    int held = 0;
    Instant earliest = null;
    for (CaseState c : cases) {
      if (c.appeal().open()) {
        open.merge(key("appeal", c.appeal().status().name()), 1, Integer::sum);
      }
      if (c.explanation().open()) {
        open.merge(key("explanation", c.explanation().status().name()), 1, Integer::sum);
      }
      if (c.thesis() != null && !c.thesis().archived()) {
        held++;
        Instant due = c.thesis().dueAt();
        earliest = earliest == null || due.isBefore(earliest) ? due : earliest;
      }
    }
    double nextDue = earliest == null ? Double.NaN : Duration.between(now, earliest).toMillis() / 1000.0;
    return new CaseCensus(Map.copyOf(open), held, nextDue);
  }

  int open(String flow, String state) {
    return open.getOrDefault(key(flow, state), 0);
  }

  static String key(String flow, String state) {
    return flow + "/" + state.toLowerCase(java.util.Locale.ROOT);
  }
}
