package no.examhub.flow.proctoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import no.examhub.event.RosterEntry;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * A global store is restored from {@code examhub.roster} byte for byte, past the deserialization
 * handler, so a poison record there sits in {@code roster-store} and throws when it is read. Seen
 * in CI: an erasure scanned the institution's roster, met the poison another test had written, and
 * answered 500.
 */
class RosterStoreTest {
  private static final RosterEntry ADA = entry("1001");
  private static final RosterEntry BO = entry("1002");

  @Test
  void scansSkipAnUnreadableEntryAndReturnTheRest() {
    RosterStore roster = new RosterStore(storeOf(ADA, null, BO));

    assertThat(roster.allOfInstitution("demo")).containsExactly(ADA, BO);
    assertThat(roster.allOfExam("demo", "exam-1")).containsExactly(ADA, BO);
    assertThat(roster.anyOfExam("demo", "exam-1")).contains(ADA);
  }

  @Test
  void scansGoOnWhenTheStorePeeksAndThrowsInHasNext() {
    RosterStore roster = new RosterStore(storeOf(true, ADA, null, BO));

    assertThat(roster.allOfInstitution("demo")).containsExactly(ADA, BO);
    assertThat(roster.allOfExam("demo", "exam-1")).containsExactly(ADA, BO);
  }

  @Test
  void anUnreadableEntryIsNoEntry() {
    RosterStore roster = new RosterStore(storeOf((RosterEntry) null));

    assertThat(roster.candidate("demo", "exam-1", "poison")).isEmpty();
  }

  private static RosterEntry entry(String candidateId) {
    return new RosterEntry("demo", "exam-1", candidateId, "mac", "Name", null, null, null, null, 0, 1);
  }

  /** A store of these entries in order; null stands for one whose value cannot be deserialized. */
  private static Supplier<ReadOnlyKeyValueStore<String, RosterEntry>> storeOf(RosterEntry... entries) {
    return storeOf(false, entries);
  }

  /**
   * @param peeking like an interactive query's iterator, which reads the next entry in
   *     {@code hasNext} (and so throws there)
   */
  private static Supplier<ReadOnlyKeyValueStore<String, RosterEntry>> storeOf(boolean peeking,
      RosterEntry... entries) {
    List<RosterEntry> all = java.util.Arrays.asList(entries);
    return () -> new ReadOnlyKeyValueStore<>() {
      @Override
      public RosterEntry get(String key) {
        throw new SerializationException("not a valid RosterEntry on examhub.roster");
      }

      @Override
      public KeyValueIterator<String, RosterEntry> range(String from, String to) {
        throw new UnsupportedOperationException();
      }

      @Override
      public KeyValueIterator<String, RosterEntry> all() {
        throw new UnsupportedOperationException();
      }

      @Override
      public <S extends Serializer<P>, P> KeyValueIterator<String, RosterEntry> prefixScan(P prefix, S serializer) {
        return peeking ? peeking(all.iterator()) : iterator(all.iterator());
      }

      @Override
      public long approximateNumEntries() {
        return all.size();
      }
    };
  }

  private static KeyValueIterator<String, RosterEntry> peeking(Iterator<RosterEntry> values) {
    KeyValueIterator<String, RosterEntry> plain = iterator(values);
    return new KeyValueIterator<>() {
      private KeyValue<String, RosterEntry> peeked;

      @Override
      public boolean hasNext() {
        if (peeked == null && plain.hasNext()) {
          peeked = plain.next();
        }
        return peeked != null;
      }

      @Override
      public KeyValue<String, RosterEntry> next() {
        hasNext();
        KeyValue<String, RosterEntry> next = peeked;
        peeked = null;
        return next;
      }

      @Override
      public void close() {}

      @Override
      public String peekNextKey() {
        throw new UnsupportedOperationException();
      }
    };
  }

  private static KeyValueIterator<String, RosterEntry> iterator(Iterator<RosterEntry> values) {
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return values.hasNext();
      }

      @Override
      public KeyValue<String, RosterEntry> next() {
        RosterEntry value = values.next();
        if (value == null) {
          throw new SerializationException("not a valid RosterEntry on examhub.roster");
        }
        return KeyValue.pair(value.institution() + "/" + value.examId() + "/" + value.candidateId(), value);
      }

      @Override
      public void close() {}

      @Override
      public String peekNextKey() {
        throw new UnsupportedOperationException();
      }
    };
  }
}
