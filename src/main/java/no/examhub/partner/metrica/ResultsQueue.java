package no.examhub.partner.metrica;

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
import no.examhub.ingress.Hmac;

/**
 * The peek-lock queue of Metrica's results events (seed 004 items 9-10), in memory: a consumer
 * locks the oldest visible message for the lock duration and acknowledges it with the lock token.
 * Only unacknowledged messages keep their bodies; acknowledgements for messages not read yet (at
 * start-up, or from another instance) are kept as ids until their message arrives and is dropped.
 * Thread-safe: every method is synchronized, and each is short.
 */
final class ResultsQueue {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Duration lockDuration;
  /** In the order read from the topic: the first visible entry is the oldest. */
  private final Map<MessageId, Entry> pending = new LinkedHashMap<>();
  private final Set<MessageId> ackedAhead = new HashSet<>();
  private final Map<Integer, Long> readUpTo = new HashMap<>();

  ResultsQueue(Clock clock, Duration lockDuration) {
    this.clock = clock;
    this.lockDuration = lockDuration;
  }

  /** A results event read from the topic; skipped when it was acknowledged already. */
  synchronized void offer(MessageId id, Instant receivedAt, byte[] event) {
    advance(id);
    if (!ackedAhead.remove(id)) {
      pending.putIfAbsent(id, new Entry(receivedAt, event));
    }
  }

  /** Any other record read from the topic: it moves the read position on. */
  synchronized void advance(MessageId id) {
    readUpTo.merge(id.partition(), id.offset() + 1, Math::max);
  }

  /** An acknowledgement read from the acknowledgement topic (ours or another instance's). */
  synchronized void acknowledged(MessageId id) {
    pending.remove(id);
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
        return Optional.of(new Locked(e.getKey(), entry.lockToken, entry.lockedUntil, entry.receivedAt, entry.event));
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
    pending.remove(id);
  }

  synchronized void abort(MessageId id) {
    Entry entry = pending.get(id);
    if (entry != null) {
      entry.acking = false;
    }
  }

  synchronized int size() {
    return pending.size();
  }

  private static String newToken() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }

  /** A message handed to a consumer, with the token that acknowledges it. */
  record Locked(MessageId messageId, String lockToken, Instant lockedUntil, Instant receivedAt, byte[] event) {}

  private static final class Entry {
    final Instant receivedAt;
    final byte[] event;
    String lockToken;
    Instant lockedUntil;
    boolean acking;

    Entry(Instant receivedAt, byte[] event) {
      this.receivedAt = receivedAt;
      this.event = event;
    }

    boolean visibleAt(Instant now) {
      return !acking && (lockedUntil == null || !now.isBefore(lockedUntil));
    }
  }
}
