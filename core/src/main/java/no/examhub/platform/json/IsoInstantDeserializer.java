package no.examhub.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads instants in the form the mapper writes them by hand ({@link IsoInstants}); any other form
 * (offsets, numbers, six-digit years, leap seconds, nonsense) goes to jackson-datatype-jsr310's
 * deserializer unchanged, so what was accepted or refused before still is.
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {
  IsoInstantDeserializer() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
    if (p.hasToken(JsonToken.VALUE_STRING)) {
      Instant fast = IsoInstants.parseOrNull(p.getText());
      if (fast != null) {
        return fast;
      }
    }
    return InstantDeserializer.INSTANT.deserialize(p, ctx);
  }
}
