package no.examhub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import no.examhub.event.Command;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Result;
import no.examhub.platform.json.Json;
import no.examhub.platform.streams.ContentHash;

/**
 * Commands and outcomes as their JSON, for specifications written in the wire's terms (the field
 * names partners and operators see): what the one serde writes.
 */
public final class Wire {
  private Wire() {}

  /** The command's payload as the JSON it travels as. */
  public static JsonNode payload(Command c) {
    // With the fields this version does not know (a test's own operation keeps its payload whole there).
    return Json.MAPPER.valueToTree(c).path("payload");
  }

  /** A typed record (a payload, a result) as the JSON it travels as. */
  public static JsonNode tree(Object value) {
    return Json.MAPPER.valueToTree(value);
  }

  /** A field of the outcome's result as text, as the wire has it (null when absent). */
  public static String text(Outcome o, String field) {
    return Json.text(result(o), field);
  }

  /** The outcome's result as the JSON it travels as. */
  public static JsonNode result(Outcome o) {
    return Json.MAPPER.valueToTree(o).path("result");
  }

  /**
   * A command built as dispatch reads one: the payload given as its JSON, read as the operation's
   * record (an operation without one keeps it whole, unknown, as a newer version's command would).
   */
  public static Command command(String institution, Partner partner, String operation, JsonNode payload,
      String causationId, Instant createdAt) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("commandId", ContentHash.of(institution, partner, operation, payload == null ? null : payload.toString()));
    json.put("institution", institution);
    json.put("partner", partner == null ? null : partner.name());
    json.put("operation", operation);
    json.set("payload", payload);
    json.put("causationId", causationId);
    json.put("createdAt", createdAt == null ? null : createdAt.toString());
    return Json.read(json.toString(), Command.class);
  }

  /** A JSON object of names and values; null values are left out, others written as text (as the flows did). */
  public static ObjectNode json(Object... namesAndValues) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value instanceof JsonNode j) {
        node.set((String) namesAndValues[i], j);
      } else if (value != null) {
        node.put((String) namesAndValues[i], value.toString());
      }
    }
    return node;
  }

  /** A result given as the JSON a partner's handler writes, read as its operation's record. */
  public static Result result(Partner partner, String operation, JsonNode json) {
    Class<? extends Result> type = Result.typeOf(partner, operation);
    if (type == null) {
      throw new IllegalArgumentException("no result record for " + partner + " " + operation);
    }
    try {
      return Json.MAPPER.treeToValue(json, type);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
