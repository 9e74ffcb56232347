package no.examhub.partner.inspera;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Inspera events Examhub does not know, and webhooks refused for having no {@code event}: counted
 * ({@code examhub.inspera.unknown-events} and {@code examhub.inspera.missing-event}, tagged by
 * institution) and listed for the operator ({@code GET /api/inspera/unknown-events}). The list is
 * this instance's since it started (kept in memory: the hot path writes no database); the
 * counters are the lasting record, and an unknown event's request itself is kept on the raw topic.
 */
public final class UnknownInsperaEvents {
  /** One unknown event name of one institution: how often, when first and last, the last test. */
  public record Seen(String institution, String event, long count, Instant firstSeen, Instant lastSeen,
      String lastContextObjectId) {}

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public UnknownInsperaEvents(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** An event name the institution's configuration does not map to a meaning. */
  void unknown(String institution, String event, String contextObjectId) {
    counter("examhub.inspera.unknown-events", institution).increment();
    Instant now = clock.instant();
    // Bounded by what a signed sender can name; one entry per institution and name.
    seen.merge(institution + "\n" + event, new Seen(institution, event, 1, now, now, contextObjectId),
        (a, b) -> new Seen(a.institution(), a.event(), a.count() + 1, a.firstSeen(), now, contextObjectId));
  }

  /** A webhook without {@code event}: refused with 400. */
  void missingEvent(String institution) {
    counter("examhub.inspera.missing-event", institution).increment();
  }

  public List<Seen> list(String institution) {
    return seen.values().stream().filter(s -> institution == null || s.institution().equals(institution))
        .sorted(Comparator.comparing(Seen::institution).thenComparing(Seen::event)).toList();
  }

  private Counter counter(String name, String institution) {
    return counters.computeIfAbsent(name + "|" + institution,
        k -> Counter.builder(name).tag("institution", institution).register(registry));
  }
}
