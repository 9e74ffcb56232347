package no.examhub.testing;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import no.examhub.event.RosterEntry;
import no.examhub.event.Topics;
import no.examhub.flow.proctoring.RosterStore;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The roster as {@code roster-store} would hold it once the streams had read what a route wrote
 * to {@code examhub.roster} (the last record a key, a tombstone removes it), for route tests that
 * upload and re-upload without a broker.
 */
final class WrittenRoster implements ReadOnlyKeyValueStore<String, RosterEntry> {
  private final RecordingWriter writer;

  private WrittenRoster(RecordingWriter writer) {
    this.writer = writer;
  }

  static RosterStore of(RecordingWriter writer) {
    WrittenRoster store = new WrittenRoster(writer);
    return new RosterStore(() -> store);
  }

  private NavigableMap<String, RosterEntry> entries() {
    TreeMap<String, RosterEntry> latest = new TreeMap<>();
    writer.written().stream().filter(w -> w.topic().equals(Topics.ROSTER.name())).forEach(w -> {
      if (w.value() == null) {
        latest.remove((String) w.key());
      } else {
        latest.put((String) w.key(), (RosterEntry) w.value());
      }
    });
    return latest;
  }

  @Override
  public RosterEntry get(String key) {
    return entries().get(key);
  }

  @Override
  public KeyValueIterator<String, RosterEntry> range(String from, String to) {
    return iterator(entries().subMap(from, true, to, true));
  }

  @Override
  public KeyValueIterator<String, RosterEntry> all() {
    return iterator(entries());
  }

  @Override
  public <S extends Serializer<P>, P> KeyValueIterator<String, RosterEntry> prefixScan(P prefix,
      S prefixKeySerializer) {
    String start = (String) prefix;
    return iterator(entries().subMap(start, true, start + Character.MAX_VALUE, false));
  }

  @Override
  public long approximateNumEntries() {
    return entries().size();
  }

  private static KeyValueIterator<String, RosterEntry> iterator(Map<String, RosterEntry> entries) {
    List<KeyValue<String, RosterEntry>> list = entries.entrySet().stream()
        .map(e -> KeyValue.pair(e.getKey(), e.getValue())).toList();
    Iterator<KeyValue<String, RosterEntry>> it = list.iterator();
    return new KeyValueIterator<>() {
      private int index;

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public KeyValue<String, RosterEntry> next() {
        index++;
        return it.next();
      }

      @Override
      public String peekNextKey() {
        return index < list.size() ? list.get(index).key : null;
      }

      @Override
      public void close() {}
    };
  }
}
