package no.examhub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import no.examhub.platform.json.Json;

/**
 * {@code examhub tail TOPIC}: prints records as JSON lines ({@code topic, partition, offset,
 * timestamp, key, value}); a JSON value is embedded as JSON. Reads committed records only, like
 * every consumer of an exactly-once topology, without joining a consumer group.
 */
public final class TailCommand {
  private TailCommand() {}

  public static int run(List<String> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("usage: examhub tail TOPIC [--from-beginning] [--max N] [--timeout SECONDS]");
    }
    String topic = args.get(0);
    boolean fromBeginning = args.contains("--from-beginning");
    long max = longOption(args, "--max", Long.MAX_VALUE);
    long timeoutMillis = longOption(args, "--timeout", -1) * 1000;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException("no such topic: " + topic);
      }
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      return follow(consumer, max, timeoutMillis);
    }
  }

  private static int follow(KafkaConsumer<byte[], byte[]> consumer, long max, long timeoutMillis) {
    long printed = 0;
    long lastRecordAt = System.currentTimeMillis();
    while (printed < max) {
      var records = consumer.poll(Duration.ofMillis(500));
      for (ConsumerRecord<byte[], byte[]> r : records) {
        System.out.println(line(r));
        lastRecordAt = System.currentTimeMillis();
        if (++printed >= max) {
          break;
        }
      }
      System.out.flush();
      if (timeoutMillis >= 0 && System.currentTimeMillis() - lastRecordAt > timeoutMillis) {
        break;
      }
    }
    return 0;
  }

  static String line(ConsumerRecord<byte[], byte[]> r) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("topic", r.topic());
    line.put("partition", r.partition());
    line.put("offset", r.offset());
    line.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
    line.put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
    line.set("value", value(r.value()));
    return Json.string(line);
  }

  private static JsonNode value(byte[] bytes) {
    if (bytes == null) {
      return Json.MAPPER.nullNode();
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (Exception notJson) {
      return Json.MAPPER.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private static long longOption(List<String> args, String name, long fallback) {
    int i = args.indexOf(name);
    if (i < 0) {
      return fallback;
    }
    if (i + 1 >= args.size()) {
      throw new IllegalArgumentException(name + " needs a number");
    }
    return Long.parseLong(args.get(i + 1));
  }

  private static KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ClientConfig.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "examhub-tail-" + UUID.randomUUID());
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
