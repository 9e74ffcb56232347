package no.examhub.ops.deadletters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The command dead letters this instance has read, in memory, fed by one {@link DeadLetterFeed}
 * and read by every operator request. Held per institution, so a request of an operator scoped to
 * some institutions reads only theirs, and one institution's flood of dead letters never pushes
 * out another's: each institution holds at most {@code maxPerInstitution}; past that its oldest
 * (first read) go, counted in {@code examhub_dead_letter_index_dropped_total{institution}} and in
 * {@link #dropped(Predicate)}, which the list shows. What the broker deletes by retention (30
 * days, the bound docs/operations.md "Erasure" states for dead letters) leaves the index too
 * ({@link #forgetBefore}), so the index keeps no dead letter longer than the topic.
 */
final class DeadLetterIndex {
  /** Where a dead letter was read from, kept beside it for the retention pass. */
  private record Held(int partition, long offset, StoredDeadLetter deadLetter) {}

  /** One institution's dead letters, in the order read, and what the bound pushed out. */
  private static final class Shelf {
    final LinkedHashMap<String, Held> byId = new LinkedHashMap<>();
    /** Per partition: how many of this institution's dead letters were dropped, and the highest such offset. */
    final Map<Integer, long[]> dropped = new HashMap<>();

    long droppedCount() {
      return dropped.values().stream().mapToLong(d -> d[0]).sum();
    }
  }

  private final int maxPerInstitution;
  private final MeterRegistry registry;
  private final Counter expired;
  private final Map<String, Shelf> shelves = new HashMap<>();
  /** The next offset to read, per partition of the dead-letter topic: what the index holds up to. */
  private final Map<Integer, Long> positions = new HashMap<>();
  private boolean loaded;
  private int held;

  DeadLetterIndex(int maxPerInstitution, MeterRegistry registry) {
    this.maxPerInstitution = maxPerInstitution;
    this.registry = registry;
    this.expired = Counter.builder("examhub.dead.letter.index.expired")
        .description("Dead letters that left the index because the broker deleted them by retention").register(registry);
    Gauge.builder("examhub.dead.letter.index.held", this, DeadLetterIndex::held)
        .description("Dead letters held in this instance's dead-letter index").register(registry);
    Gauge.builder("examhub.dead.letter.index.loaded", this, i -> i.loaded() ? 1 : 0)
        .description("1 once the dead-letter index has read the topic to the end it found at its start").register(registry);
  }

  int maxPerInstitution() {
    return maxPerInstitution;
  }

  /** Adds what the feed read from {@code partition} at {@code offset}. */
  synchronized void add(int partition, long offset, StoredDeadLetter d) {
    String institution = d.failed().command().institution();
    Shelf shelf = shelves.computeIfAbsent(institution, i -> new Shelf());
    if (shelf.byId.put(d.id(), new Held(partition, offset, d)) == null) {
      held++;
    }
    while (shelf.byId.size() > maxPerInstitution) {
      Iterator<Held> eldest = shelf.byId.values().iterator();
      Held gone = eldest.next();
      eldest.remove();
      held--;
      long[] count = shelf.dropped.computeIfAbsent(gone.partition(), p -> new long[2]);
      count[0]++;
      count[1] = Math.max(count[1], gone.offset());
      Counter.builder("examhub.dead.letter.index.dropped")
          .description("Dead letters left out of the index because their institution had reached the bound")
          .tag("institution", institution).register(registry).increment();
    }
  }

  /** The feed has read every partition up to these offsets (exclusive). */
  synchronized void advanced(Map<Integer, Long> next) {
    positions.putAll(next);
    notifyAll();
  }

  /** The feed has read to the end it found when it started: answers are whole from now on. */
  synchronized void markLoaded() {
    loaded = true;
    notifyAll();
  }

  synchronized boolean loaded() {
    return loaded;
  }

  synchronized Map<Integer, Long> positions() {
    return Map.copyOf(positions);
  }

  /**
   * Waits, at most {@code waitMillis}, until the index holds everything before {@code ends}; true
   * once it does. Only a loaded index counts: before, what it holds may miss older dead letters.
   */
  synchronized boolean awaitReached(Map<Integer, Long> ends, long waitMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + waitMillis;
    while (!(loaded && reached(ends))) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  private boolean reached(Map<Integer, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
  }

  /**
   * The broker has deleted everything before these offsets (retention): those dead letters leave
   * the index, and so does the count of dropped ones once every dropped one of a partition is gone.
   */
  synchronized void forgetBefore(Map<Integer, Long> logStart) {
    for (Shelf shelf : shelves.values()) {
      Iterator<Held> it = shelf.byId.values().iterator();
      while (it.hasNext()) {
        Held h = it.next();
        if (h.offset() < logStart.getOrDefault(h.partition(), 0L)) {
          it.remove();
          held--;
          expired.increment();
        }
      }
      shelf.dropped.entrySet().removeIf(e -> e.getValue()[1] < logStart.getOrDefault(e.getKey(), 0L));
    }
    shelves.values().removeIf(s -> s.byId.isEmpty() && s.dropped.isEmpty());
  }

  /** Every held dead letter of the institutions {@code visible} admits that matches; only those shelves are read. */
  synchronized List<StoredDeadLetter> matching(Predicate<String> visible, DeadLetterFilter filter) {
    List<StoredDeadLetter> found = new ArrayList<>();
    for (Map.Entry<String, Shelf> e : shelves.entrySet()) {
      if (visible.test(e.getKey()) && (filter.institution() == null || filter.institution().equals(e.getKey()))) {
        for (Held h : e.getValue().byId.values()) {
          if (filter.matches(h.deadLetter().failed())) {
            found.add(h.deadLetter());
          }
        }
      }
    }
    return found;
  }

  synchronized Optional<StoredDeadLetter> find(Predicate<String> visible, String id) {
    for (Map.Entry<String, Shelf> e : shelves.entrySet()) {
      Held h = visible.test(e.getKey()) ? e.getValue().byId.get(id) : null;
      if (h != null) {
        return Optional.of(h.deadLetter());
      }
    }
    return Optional.empty();
  }

  /** How many dead letters of the institutions {@code visible} admits the bound left out, by institution. */
  synchronized Map<String, Long> dropped(Predicate<String> visible) {
    Map<String, Long> dropped = new java.util.TreeMap<>();
    shelves.forEach((institution, shelf) -> {
      long n = shelf.droppedCount();
      if (n > 0 && visible.test(institution)) {
        dropped.put(institution, n);
      }
    });
    return dropped;
  }

  synchronized int held() {
    return held;
  }
}
