package no.examhub.platform.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What a typed record does not know of the JSON it was read from, kept so that writing the record
 * again gives the JSON back: a newer Examhub (or a partner) may add fields, and a record that passes
 * through this version (a retry, a replay, a dead letter) must not lose them.
 *
 * <p>{@link #of} is the difference between the JSON read and the JSON the typed record writes: every
 * field the record does not write, at any depth of objects; an array that differs is kept whole.
 * {@link #addTo} puts them back. Empty for every record built in code.
 */
public record Unknowns(ObjectNode fields) {
  public static final Unknowns NONE = new Unknowns(Json.MAPPER.createObjectNode());

  public Unknowns {
    fields = fields == null ? Json.MAPPER.createObjectNode() : fields;
  }

  /** The fields of {@code read} that {@code written} lacks or has otherwise. */
  public static Unknowns of(JsonNode read, JsonNode written) {
    if (!(read instanceof ObjectNode r)) {
      return NONE;
    }
    ObjectNode diff = diff(r, written instanceof ObjectNode w ? w : Json.MAPPER.createObjectNode());
    return diff.isEmpty() ? NONE : new Unknowns(diff);
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /** {@code written} with the kept fields put back where they were read (changes it in place). */
  public ObjectNode addTo(ObjectNode written) {
    merge(written, fields);
    return written;
  }

  private static ObjectNode diff(ObjectNode read, ObjectNode written) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = read.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode mine = written.get(f.getKey());
      if (mine != null && mine.equals(f.getValue())) {
        continue;
      }
      if (f.getValue() instanceof ObjectNode nested && mine instanceof ObjectNode writtenNested) {
        ObjectNode inner = diff(nested, writtenNested);
        if (!inner.isEmpty()) {
          out.set(f.getKey(), inner);
        }
      } else {
        out.set(f.getKey(), f.getValue());
      }
    }
    return out;
  }

  private static void merge(ObjectNode into, ObjectNode kept) {
    for (Iterator<Map.Entry<String, JsonNode>> it = kept.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getValue() instanceof ObjectNode nested && into.get(f.getKey()) instanceof ObjectNode target) {
        merge(target, nested);
      } else {
        into.set(f.getKey(), f.getValue());
      }
    }
  }
}
