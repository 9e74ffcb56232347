package no.examhub.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import no.examhub.platform.json.Json;
import no.examhub.platform.json.Unknowns;

/**
 * The one serde of commands and outcomes, wherever they travel (topics, dead letters, the audit, the
 * operator API): the payload's record is chosen by the operation, the result's by partner and
 * operation, and every field this version does not know is kept ({@link Unknowns}) and written back.
 * The fields are written in their old order, so what is on the topics and in the stores now reads the
 * same as before the records were typed.
 */
final class OperationJson {
  private OperationJson() {}

  static final class CommandWriter extends JsonSerializer<Command> {
    @Override
    public void serialize(Command c, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeTree(c.unknowns().addTo(known(c)));
    }
  }

  static final class CommandReader extends JsonDeserializer<Command> {
    @Override
    public Command deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      JsonNode node = p.readValueAsTree();
      if (!(node instanceof ObjectNode)) {
        return ctx.reportInputMismatch(Command.class, "a command is a JSON object");
      }
      String operation = Json.text(node, "operation");
      Command c = new Command(Json.text(node, "commandId"), Json.text(node, "institution"), partner(node, ctx),
          operation, typed(node.get("payload"), Payload.typeOf(operation)), Json.text(node, "causationId"),
          instant(node, "createdAt"));
      return new Command(c.commandId(), c.institution(), c.partner(), c.operation(), c.payload(), c.causationId(),
          c.createdAt(), Unknowns.of(node, known(c)));
    }
  }

  static final class OutcomeWriter extends JsonSerializer<Outcome> {
    @Override
    public void serialize(Outcome o, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeTree(o.unknowns().addTo(known(o)));
    }
  }

  static final class OutcomeReader extends JsonDeserializer<Outcome> {
    @Override
    public Outcome deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      JsonNode node = p.readValueAsTree();
      if (!(node instanceof ObjectNode)) {
        return ctx.reportInputMismatch(Outcome.class, "an outcome is a JSON object");
      }
      Partner partner = partner(node, ctx);
      String operation = Json.text(node, "operation");
      JsonNode status = node.get("status");
      Outcome o = new Outcome(Json.text(node, "commandId"), Json.text(node, "institution"), partner, operation,
          node.path("success").asBoolean(false), node.path("attempts").asInt(0), Json.text(node, "errorCode"),
          Json.text(node, "reason"), typed(node.get("result"), Result.typeOf(partner, operation)),
          instant(node, "at"), status == null || status.isNull() ? null : Outcome.Status.valueOf(status.asText()));
      return new Outcome(o.commandId(), o.institution(), o.partner(), o.operation(), o.success(), o.attempts(),
          o.errorCode(), o.reason(), o.result(), o.at(), o.status(), Unknowns.of(node, known(o)));
    }
  }

  /** A command's own fields, in the order they have always been written. */
  private static ObjectNode known(Command c) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("commandId", c.commandId());
    n.put("institution", c.institution());
    n.set("partner", Json.MAPPER.valueToTree(c.partner()));
    n.put("operation", c.operation());
    n.set("payload", Json.MAPPER.valueToTree(c.payload()));
    n.put("causationId", c.causationId());
    n.set("createdAt", Json.MAPPER.valueToTree(c.createdAt()));
    return n;
  }

  private static ObjectNode known(Outcome o) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("commandId", o.commandId());
    n.put("institution", o.institution());
    n.set("partner", Json.MAPPER.valueToTree(o.partner()));
    n.put("operation", o.operation());
    n.put("success", o.success());
    n.put("attempts", o.attempts());
    n.put("errorCode", o.errorCode());
    n.put("reason", o.reason());
    n.set("result", Json.MAPPER.valueToTree(o.result()));
    n.set("at", Json.MAPPER.valueToTree(o.at()));
    n.set("status", Json.MAPPER.valueToTree(o.status()));
    return n;
  }

  private static <T> T typed(JsonNode node, Class<T> type) throws IOException {
    if (node == null || node.isNull() || type == null) {
      return null;
    }
    return Json.MAPPER.treeToValue(node, type);
  }

  private static Partner partner(JsonNode node, DeserializationContext ctx) throws IOException {
    String name = Json.text(node, "partner");
    if (name == null) {
      return null;
    }
    try {
      return Partner.valueOf(name);
    } catch (IllegalArgumentException e) {
      return ctx.reportInputMismatch(Partner.class, "no partner %s", name);
    }
  }

  private static Instant instant(JsonNode node, String field) throws IOException {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : Json.MAPPER.treeToValue(v, Instant.class);
  }
}
