package no.examhub.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import no.examhub.platform.kafka.Topic;

/** Like {@link TopicReader}, with each value's key, for tests that check how records are keyed. */
public final class KeyedTopicReader {
  private KeyedTopicReader() {}

  public static <K, V> List<Map.Entry<K, V>> readUntil(String bootstrap, Topic<K, V> topic, Predicate<V> match,
      int expected, Duration within) {
    return TopicReader.recordsUntil(bootstrap, topic, (k, v) -> match.test(v), expected, within);
  }

  public static <K, V> List<Map.Entry<K, V>> readUntil(String bootstrap, Topic<K, V> topic, BiPredicate<K, V> match,
      int expected, Duration within) {
    return TopicReader.recordsUntil(bootstrap, topic, match, expected, within);
  }
}
