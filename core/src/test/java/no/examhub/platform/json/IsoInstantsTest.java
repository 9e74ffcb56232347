package no.examhub.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Instants as text: the same values and characters as java.time and jackson-datatype-jsr310 give, by hand. */
class IsoInstantsTest {
  /** The mapper as it was before the fast path: what every answer is compared with. */
  private static final ObjectMapper REFERENCE = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  record Stamped(Instant at) {}

  @Test
  void theFormTheMapperWritesIsParsedToTheSameInstant() {
    for (String text : List.of("2026-11-24T08:00:00Z", "2026-11-24T08:00:00.1Z", "2026-11-24T08:00:00.123Z",
        "2026-11-24T08:00:00.123456Z", "2026-11-24T08:00:00.123456789Z", "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999999999Z", "2024-02-29T23:59:59Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z")) {
      assertThat(IsoInstants.parseOrNull(text)).as(text).isEqualTo(Instant.parse(text));
      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
      assertThat(read(Json.MAPPER, "\"" + text + "\"")).as(text).isEqualTo(read(REFERENCE, "\"" + text + "\""));
    }
  }

  @Test
  void otherFormsAreLeftToJavaTimeAndGiveWhatTheyGaveBefore() {
    for (String text : List.of("2026-11-24T09:00:00+01:00", "2026-11-24T08:00:00.Z", "+12026-11-24T08:00:00Z",
        "2026-11-24t08:00:00z", "2026-02-30T08:00:00Z", "2026-13-01T08:00:00Z", "2026-11-24T24:00:00Z",
        "2026-11-24T08:60:00Z", "2026-12-31T23:59:60Z", "2026-11-24T08:00:00.1234567890Z", "2026-11-2AT08:00:00Z",
        "not a time")) {
      assertThat(IsoInstants.parseOrNull(text)).as(text).isNull();
      assertThat(outcome(() -> IsoInstants.parse(text))).as(text).isEqualTo(outcome(() -> Instant.parse(text)));
      assertThat(read(Json.MAPPER, "\"" + text + "\"")).as(text).isEqualTo(read(REFERENCE, "\"" + text + "\""));
    }
    for (String number : List.of("1764000000", "1764000000.5")) {
      assertThat(read(Json.MAPPER, number)).as(number).isEqualTo(read(REFERENCE, number));
    }
  }

  @Test
  void parsingTextThatIsNoInstantFailsAsInstantParseDoes() {
    assertThatThrownBy(() -> IsoInstants.parse("2026-11-24")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> Json.read("{\"at\":\"not a time\"}", Stamped.class))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void formattingWritesTheCharactersOfInstantToString() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      long seconds = random.nextLong(-62_167_219_200L - 86_400L * 800, 253_402_300_799L + 86_400L * 800);
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
    }
    assertThat(IsoInstants.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void theMapperWritesWhatItWroteBeforeAndReadsItBack() throws Exception {
    for (Instant at : List.of(Instant.now(), Instant.parse("2026-11-24T08:00:00Z"),
        Instant.parse("2026-11-24T08:00:00.120Z"), Instant.ofEpochSecond(1, 1), Instant.MAX, Instant.MIN)) {
      String json = Json.string(new Stamped(at));
      assertThat(json).isEqualTo(REFERENCE.writeValueAsString(new Stamped(at)));
      assertThat(Json.read(json, Stamped.class).at()).isEqualTo(at);
    }
  }

  @Test
  void theSharedMapperAsksTheFastPathFirst() throws Exception {
    DeserializationContext ctx = ((DefaultDeserializationContext) Json.MAPPER.getDeserializationContext())
        .createInstance(Json.MAPPER.getDeserializationConfig(), null, null);

    assertThat(ctx.findRootValueDeserializer(Json.MAPPER.constructType(Instant.class)))
        .isInstanceOf(IsoInstantDeserializer.class);
    assertThat(Json.MAPPER.getSerializerProviderInstance().findValueSerializer(Instant.class))
        .isInstanceOf(IsoInstantSerializer.class);
  }

  private static Object read(ObjectMapper mapper, String json) {
    try {
      return mapper.readValue("{\"at\":" + json + "}", Stamped.class).at();
    } catch (Exception e) {
      return e.getClass();
    }
  }

  private static Object outcome(java.util.function.Supplier<Instant> parse) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }
}
