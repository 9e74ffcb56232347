package no.examhub.platform.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import no.examhub.platform.logging.Redaction;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A serde for one record type, over the shared mapper. Bad bytes raise SerializationException. */
public final class JsonSerde<T> implements Serde<T> {
  private final Class<T> type;

  public JsonSerde(Class<T> type) {
    this.type = type;
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : Json.bytes(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return Json.MAPPER.readValue(bytes, type);
      } catch (IOException e) {
        // No cause attached: the parser's message quotes the input, which may hold personal data.
        throw new SerializationException(
            "not a valid " + type.getSimpleName() + " on " + topic + ": " + Redaction.redact(reason(e)));
      }
    };
  }

  private static String reason(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }

  public Class<T> type() {
    return type;
  }
}
