package no.examhub.platform.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes instants as jackson-datatype-jsr310 does with dates as text (the mapper's setting), the
 * same characters by hand ({@link IsoInstants#format}); should a caller ask for timestamps, its
 * serializer does it.
 */
final class IsoInstantSerializer extends StdScalarSerializer<Instant> {
  IsoInstantSerializer() {
    super(Instant.class);
  }

  @Override
  public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
      InstantSerializer.INSTANCE.serialize(value, gen, provider);
    } else {
      gen.writeString(IsoInstants.format(value));
    }
  }
}
