package no.examhub.partner.metrica;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.examhub.platform.crypto.Hmac;

/**
 * The peek-lock queue of Metrica's results events (seed 004 items 9-10): a consumer locks the
 * oldest visible message for the lock duration and acknowledges it with the lock token.
 *
 * <p>It holds ids and offsets only, never a body: an entry is the event's id (its raw key,
 * {@code results/<testInstanceId>}), where it lies on {@code examhub.raw.metrica} (its
 * {@link MessageId}), when it arrived and its lock. The body is read from the topic by offset when
 * the message is handed out ({@link ResultsBodies}). Before, every unacknowledged body stayed on
 * the heap for 30 days. At most {@code bound} messages are held: at the bound {@link #full()} is
 * true, new results events are refused with 503 and the feed stops reading until the queue drains.
 *
 * <p>A results event whose id is already waiting in the queue is a repeat (Metrica retrying a
 * post): it is dropped and counted; the one waiting is delivered, and DFE reads the current
 * results when it handles it. Acknowledgements for messages not read yet (at start-up, or from
 * another instance) are kept as ids until their message arrives and is dropped.
 * Thread-safe: every method is synchronized, and each is short.
 */
final class ResultsQueue {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Duration lockDuration;
  private final int bound;
  /** In the order read from the topic: the first visible entry is the oldest. */
  private final Map<MessageId, Entry> pending = new LinkedHashMap<>();
  /** The event ids waiting in {@link #pending}, to recognise a repeat. */
  private final Map<String, MessageId> byEventId = new HashMap<>();
  private final Set<MessageId> ackedAhead = new HashSet<>();
  private final Map<Integer, Long> readUpTo = new HashMap<>();
  private final Counter repeats;
  private final Counter gone;
  private volatile boolean loaded;

  ResultsQueue(Clock clock, Duration lockDuration, int bound, MeterRegistry registry) {
    this.clock = clock;
    this.lockDuration = lockDuration;
    this.bound = bound;
    this.repeats = Counter.builder("examhub.metrica.queue.repeats")
        .description("Metrica results events dropped because an event with the same id was still waiting")
        .register(registry);
    this.gone = Counter.builder("examhub.metrica.queue.gone")
        .description("Metrica results events dropped from the queue because their record left the topic")
        .register(registry);
    Gauge.builder("examhub.metrica.queue.size", this, ResultsQueue::size)
        .description("Unacknowledged Metrica results events held (ids only)").register(registry);
    Gauge.builder("examhub.metrica.queue.loaded", this, q -> q.loaded ? 1 : 0)
        .description("1 once the results queue has read its topics to their end").register(registry);
  }

  /** A results event read from the topic; skipped when acknowledged already, dropped when a repeat. */
  synchronized void offer(MessageId id, String eventId, Instant receivedAt) {
    advance(id);
    if (ackedAhead.remove(id) || pending.containsKey(id)) {
      return;
    }
    if (byEventId.containsKey(eventId)) {
      repeats.increment();
      return;
    }
    pending.put(id, new Entry(eventId, receivedAt));
    byEventId.put(eventId, id);
  }

  /** Any other record read from the topic: it moves the read position on. */
  synchronized void advance(MessageId id) {
    readUpTo.merge(id.partition(), id.offset() + 1, Math::max);
  }

  /** An acknowledgement read from the acknowledgement topic (ours or another instance's). */
  synchronized void acknowledged(MessageId id) {
    remove(id);
    if (id.offset() >= readUpTo.getOrDefault(id.partition(), 0L)) {
      ackedAhead.add(id);
    }
  }

  /** Locks the oldest visible message for the lock duration, with a fresh token. */
  synchronized Optional<Locked> lockOldest() {
    Instant now = clock.instant();
    for (var e : pending.entrySet()) {
      Entry entry = e.getValue();
      if (entry.visibleAt(now)) {
        entry.lockToken = newToken();
        entry.lockedUntil = now.plus(lockDuration);
        return Optional.of(new Locked(e.getKey(), entry.lockToken, entry.lockedUntil, entry.receivedAt));
      }
    }
    return Optional.empty();
  }

  /**
   * Starts acknowledging a message whose lock the caller holds: it stays invisible until
   * {@link #commit} (the acknowledgement is durable) or {@link #abort} (it is not). False when the
   * message is unknown, the token is wrong or the lock has expired.
   */
  synchronized boolean begin(MessageId id, String lockToken) {
    Entry entry = pending.get(id);
    if (entry == null || entry.acking || entry.lockToken == null
        || !Hmac.equal(entry.lockToken, lockToken) || !clock.instant().isBefore(entry.lockedUntil)) {
      return false;
    }
    entry.acking = true;
    return true;
  }

  synchronized void commit(MessageId id) {
    remove(id);
  }

  synchronized void abort(MessageId id) {
    Entry entry = pending.get(id);
    if (entry != null) {
      entry.acking = false;
    }
  }

  /** Gives a locked message back at once, e.g. when its body could not be read just now. */
  synchronized void unlock(MessageId id) {
    Entry entry = pending.get(id);
    if (entry != null && !entry.acking) {
      entry.lockedUntil = null;
      entry.lockToken = null;
    }
  }

  /** Forgets a message whose record is gone from the topic (retention): nothing to hand out. */
  synchronized void discard(MessageId id) {
    if (pending.containsKey(id)) {
      gone.increment();
    }
    remove(id);
  }

  synchronized int size() {
    return pending.size();
  }

  /** At its bound: new results events are refused and the feed reads no further until it drains. */
  synchronized boolean full() {
    return pending.size() >= bound;
  }

  /** Until the first load after a (re)start has read both topics to their end, the queue is not served. */
  boolean loaded() {
    return loaded;
  }

  void markLoaded() {
    loaded = true;
  }

  /** A restarted feed reads both topics from the beginning again, into an empty queue. */
  synchronized void reset() {
    loaded = false;
    pending.clear();
    byEventId.clear();
    ackedAhead.clear();
    readUpTo.clear();
  }

  private void remove(MessageId id) {
    Entry entry = pending.remove(id);
    if (entry != null) {
      byEventId.remove(entry.eventId, id);
    }
  }

  private static String newToken() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }

  /** A message handed to a consumer, with the token that acknowledges it; its body is read separately. */
  record Locked(MessageId messageId, String lockToken, Instant lockedUntil, Instant receivedAt) {}

  private static final class Entry {
    final String eventId;
    final Instant receivedAt;
    String lockToken;
    Instant lockedUntil;
    boolean acking;

    Entry(String eventId, Instant receivedAt) {
      this.eventId = eventId;
      this.receivedAt = receivedAt;
    }

    boolean visibleAt(Instant now) {
      return !acking && (lockedUntil == null || !now.isBefore(lockedUntil));
    }
  }
}
