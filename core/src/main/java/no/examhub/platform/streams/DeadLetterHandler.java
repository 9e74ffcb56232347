package no.examhub.platform.streams;

import io.micrometer.core.instrument.Metrics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.examhub.platform.logging.Redaction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams' last line of defence: a record that cannot be deserialized, or whose processing throws,
 * goes to the dead-letter topic with the reason, and the topology goes on with the next record.
 * The record's content is not logged (it may hold personal data); the dead letter keeps it.
 *
 * <p>As production handler it keeps one record that cannot be written from wedging its partition:
 * a record too large for the broker (or one that cannot be serialised) is dead-lettered, without
 * itself, and the task goes on. Without it Streams fails the thread, and the replacement thread
 * meets the same record again, forever. Every other send error still fails the thread: it is a
 * broker or configuration problem to be seen, not a record to skip.
 */
public final class DeadLetterHandler
    implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

  private GlobalDeadLetters global;

  @Override
  public void configure(Map<String, ?> configs) {
    global = new GlobalDeadLetters(configs);
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    return DeserializationExceptionHandler.Response.resume(
        letters(context, deadLetter(context, "deserialize", "UNREADABLE_RECORD", exception)));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    return ProcessingExceptionHandler.Response.resume(
        letters(context, deadLetter(context, context.processorNodeId(), "PROCESSING_FAILED", exception)));
  }

  @Override
  public ProductionExceptionHandler.Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (!(exception instanceof RecordTooLargeException)) {
      return ProductionExceptionHandler.Response.fail();
    }
    return ProductionExceptionHandler.Response.resume(letters(context, deadLetter(context, "produce", "RECORD_TOO_LARGE",
        new RecordTooLargeException("a record for " + record.topic() + " of " + size(record)
            + " bytes is larger than the broker takes"))));
  }

  @Override
  public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
      ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
    return ProductionExceptionHandler.Response.resume(
        letters(context, deadLetter(context, "serialize", "UNWRITABLE_RECORD", exception)));
  }

  private static int size(ProducerRecord<byte[], byte[]> record) {
    return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
  }

  /** The letter for Streams to write, except on the global thread, which cannot (see GlobalDeadLetters). */
  private List<ProducerRecord<byte[], byte[]>> letters(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> letter) {
    if (global != null && GlobalDeadLetters.isGlobal(context.taskId())) {
      global.send(letter);
      return List.of();
    }
    return List.of(letter);
  }

  private static ProducerRecord<byte[], byte[]> deadLetter(
      ErrorHandlerContext context, String stage, String code, Exception exception) {
    LOG.warn("dead-lettering {}-{}@{} at {}: {}", context.topic(), context.partition(), context.offset(),
        stage, Redaction.redact(exception.toString()));
    Metrics.counter("examhub.intake.dead.letters", "source", context.topic(), "stage", stage).increment();
    String key = text(context.sourceRawKey());
    DeadLetter letter = new DeadLetter(context.topic(), context.partition(), context.offset(), key,
        stage, code, Redaction.redact(exception.getMessage()), text(context.sourceRawValue()), Instant.now());
    return new ProducerRecord<>(DeadLetter.TOPIC.name(),
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        DeadLetter.TOPIC.valueSerde().serializer().serialize(DeadLetter.TOPIC.name(), letter));
  }

  /** UTF-8 text as it is; other bytes as {@code base64:...} so nothing is lost. */
  static String text(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return "base64:" + Base64.getEncoder().encodeToString(bytes);
    }
  }
}
