package no.examhub.flow.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.examhub.platform.json.Json;

/** Command payloads as JSON objects; null fields are left out so they do not change command ids. */
final class Payloads {
  private Payloads() {}

  static ObjectNode of(Object... namesAndValues) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value instanceof JsonNode json) {
        node.set((String) namesAndValues[i], json);
      } else if (value != null) {
        node.put((String) namesAndValues[i], value.toString());
      }
    }
    return node;
  }
}
