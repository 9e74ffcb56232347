package no.examhub.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import no.examhub.platform.kafka.RecordWriter;
import no.examhub.platform.kafka.Topic;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link RecordWriter} for route tests on an unstarted server: it keeps what a route wrote (each
 * record through its topic's serdes, as the producer would) and acknowledges at once, or fails
 * every write with the error a test sets, as an unreachable broker would.
 */
public final class RecordingWriter implements RecordWriter {
  /** One record a route wrote. */
  public record Written(String topic, Object key, Object value) {}

  private final List<Written> written = new CopyOnWriteArrayList<>();
  private volatile RuntimeException failure;

  @Override
  public <K, V> CompletableFuture<RecordMetadata> send(Topic<K, V> topic, K key, V value) {
    byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
    RuntimeException error = failure;
    if (error != null) {
      return CompletableFuture.failedFuture(error);
    }
    written.add(new Written(topic.name(), key, value));
    return CompletableFuture.completedFuture(new RecordMetadata(new TopicPartition(topic.name(), 0), written.size() - 1,
        0, System.currentTimeMillis(), k == null ? -1 : k.length, v == null ? -1 : v.length));
  }

  /** From now on every write fails with {@code error}; {@code null} acknowledges again. */
  public void failWith(RuntimeException error) {
    this.failure = error;
  }

  public List<Written> written() {
    return List.copyOf(written);
  }

  /** The values written to {@code topic}, in order. */
  @SuppressWarnings("unchecked")
  public <V> List<V> values(Topic<?, V> topic) {
    return written.stream().filter(w -> w.topic().equals(topic.name())).map(w -> (V) w.value()).toList();
  }

  public void clear() {
    written.clear();
  }
}
