package no.examhub.flow.proctoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import no.examhub.event.RosterEntry;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the roster from this instance's copy of {@code roster-store} (an interactive query, no
 * database round trip). Throws {@link Unavailable} while the store cannot be queried (start-up,
 * restore, rebalance), so the caller can ask the vendor to retry.
 */
public final class RosterStore {
  private static final Logger LOG = LoggerFactory.getLogger(RosterStore.class);
  /** Past this many in one scan, something else is wrong than a few poison records: fail loudly. */
  private static final int MAX_UNREADABLE = 1000;
  private final Supplier<ReadOnlyKeyValueStore<String, RosterEntry>> store;

  public RosterStore(Supplier<ReadOnlyKeyValueStore<String, RosterEntry>> store) {
    this.store = store;
  }

  public static RosterStore of(KafkaStreams streams) {
    return new RosterStore(() -> streams.store(
        StoreQueryParameters.fromNameAndType(RosterTopology.STORE, QueryableStoreTypes.keyValueStore())));
  }

  public Optional<RosterEntry> candidate(String institution, String examId, String candidateId) {
    return query(s -> {
      try {
        return Optional.ofNullable(s.get(RosterEntry.key(institution, examId, candidateId)));
      } catch (SerializationException e) {
        LOG.warn("unreadable roster entry skipped ({})", e.getClass().getSimpleName());
        return Optional.empty();
      }
    });
  }

  /** Any one entry of the exam: it carries the exam's field mapping and proves the exam is known. */
  public Optional<RosterEntry> anyOfExam(String institution, String examId) {
    return query(s -> scan(s, institution, examId, 1).stream().findFirst());
  }

  /** Every entry of the exam, e.g. to find the candidates a new upload no longer lists. */
  public List<RosterEntry> allOfExam(String institution, String examId) {
    return query(s -> scan(s, institution, examId, Integer.MAX_VALUE));
  }

  /** Every entry of the institution, e.g. to erase one candidate from all its exams. */
  public List<RosterEntry> allOfInstitution(String institution) {
    return query(s -> readable(s.prefixScan(institution + "/", new StringSerializer()),
        e -> institution.equals(e.institution()), Integer.MAX_VALUE));
  }

  private static List<RosterEntry> scan(ReadOnlyKeyValueStore<String, RosterEntry> s, String institution,
      String examId, int limit) {
    // A prefix also matches longer exam ids that contain a slash; only this exam counts.
    return readable(s.prefixScan(RosterEntry.examPrefix(institution, examId), new StringSerializer()),
        e -> examId.equals(e.examId()), limit);
  }

  /**
   * The readable entries that match, up to {@code limit}. A global store is restored from the topic
   * byte for byte, past the deserialization handler, so a poison record on {@code examhub.roster}
   * sits in the store. It must not make every scan of its institution fail: the query's iterator
   * deserializes while peeking ({@code hasNext}) or in {@code next}, and has moved past the record
   * when the deserializer throws, so the scan goes on after it.
   */
  private static List<RosterEntry> readable(KeyValueIterator<String, RosterEntry> scan, Predicate<RosterEntry> wanted,
      int limit) {
    List<RosterEntry> found = new ArrayList<>();
    int unreadable = 0;
    try (KeyValueIterator<String, RosterEntry> it = scan) {
      while (found.size() < limit) {
        KeyValue<String, RosterEntry> next;
        try {
          if (!it.hasNext()) {
            break;
          }
          next = it.next();
        } catch (SerializationException e) {
          if (++unreadable > MAX_UNREADABLE) {
            throw e;
          }
          continue;
        }
        if (next.value != null && wanted.test(next.value)) {
          found.add(next.value);
        }
      }
    }
    if (unreadable > 0) {
      LOG.warn("{} unreadable roster entries skipped", unreadable);
    }
    return found;
  }

  private <T> T query(Function<ReadOnlyKeyValueStore<String, RosterEntry>, T> read) {
    try {
      return read.apply(store.get());
    } catch (InvalidStateStoreException e) {
      throw new Unavailable(e);
    }
  }

  /** The store is not queryable on this instance right now; retrying shortly will do. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(Throwable cause) {
      super("roster store is not queryable: " + cause.getMessage(), cause, false, false);
    }
  }
}
