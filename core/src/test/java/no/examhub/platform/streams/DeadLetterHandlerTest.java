package no.examhub.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import no.examhub.event.Topics;
import no.examhub.platform.streams.DeadLetter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/**
 * One record that cannot be written must not wedge its partition: too large for the broker, it
 * becomes a small dead letter and the task goes on; a broker or permission problem still fails.
 */
class DeadLetterHandlerTest {
  private final DeadLetterHandler handler = new DeadLetterHandler();

  @Test
  void aRecordTooLargeForTheBrokerIsDeadLetteredAndProcessingGoesOn() {
    handler.configure(Map.of());
    byte[] huge = "\"".repeat(1_400_000).getBytes(StandardCharsets.UTF_8);

    ProductionExceptionHandler.Response response = handler.handleError(context(huge),
        new ProducerRecord<>("examhub.dead-letters", null, huge), new RecordTooLargeException("too large"));

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    byte[] written = response.deadLetterQueueRecords().get(0).value();
    assertThat(written.length).as("the letter fits in a record").isLessThan(1_048_576 / 2);
    DeadLetter letter = Topics.DEAD_LETTERS.valueSerde().deserializer().deserialize("t", written);
    assertThat(letter.errorCode()).isEqualTo("RECORD_TOO_LARGE");
    assertThat(letter.payload()).hasSizeLessThanOrEqualTo(DeadLetter.MAX_PAYLOAD_CHARS)
        .endsWith("chars, sha256 " + sha256("\"".repeat(1_400_000)) + "]");
  }

  @Test
  void aBrokerOrPermissionProblemStillFailsTheThread() {
    handler.configure(Map.of());

    ProductionExceptionHandler.Response response = handler.handleError(context(new byte[1]),
        new ProducerRecord<>("examhub.exam-events", null, new byte[1]), new TopicAuthorizationException("denied"));

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
  }

  @Test
  void aCutPayloadIsNotCutAgainWhenTheLetterIsReadBack() {
    DeadLetter cut = new DeadLetter("t", 0, 1, "k", "s", "C", "r", "x".repeat(100_000), null);
    DeadLetter again = new DeadLetter("t", 0, 1, "k", "s", "C", "r", cut.payload(), null);

    assertThat(again.payload()).isEqualTo(cut.payload());
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ErrorHandlerContext context(byte[] value) {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return "examhub.raw.inspera";
      }

      @Override
      public int partition() {
        return 0;
      }

      @Override
      public long offset() {
        return 42;
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return "intake-normalise";
      }

      @Override
      public TaskId taskId() {
        return new TaskId(0, 0);
      }

      @Override
      public long timestamp() {
        return 0;
      }

      @Override
      public byte[] sourceRawKey() {
        return "demo/1".getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] sourceRawValue() {
        return value;
      }
    };
  }
}
