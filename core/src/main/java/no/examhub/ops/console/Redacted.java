package no.examhub.ops.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Set;
import no.examhub.platform.json.Json;
import no.examhub.platform.logging.Redaction;

/**
 * A command's payload as the console shows it. Commands carry no personal number by design; this
 * is the second line: fields named like one, and any text that looks like one, are replaced.
 */
final class Redacted {
  private static final Set<String> PERSONAL = Set.of("fodselsnummer", "fodselsnr", "fødselsnummer", "personnummer",
      "personlopenr", "fnr", "ssn", "nationalid", "birthnumber");
  static final String MARK = "<redacted>";

  private Redacted() {}

  static String json(JsonNode payload) {
    if (payload == null || payload.isNull()) {
      return "";
    }
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(redact(payload.deepCopy()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return MARK;
    }
  }

  private static JsonNode redact(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(Redaction.redact(node.asText()));
    }
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      var names = new java.util.ArrayList<String>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        o.set(name, PERSONAL.contains(name.toLowerCase(Locale.ROOT)) ? TextNode.valueOf(MARK) : redact(o.get(name)));
      }
      return o;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, redact(node.get(i)));
      }
      return node;
    }
    if (node.isNumber() && node.asText().matches("\\d{11}")) {
      return TextNode.valueOf(MARK);
    }
    return node;
  }
}
