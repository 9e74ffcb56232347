package no.examhub.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import no.examhub.platform.json.Json;
import no.examhub.platform.json.Unknowns;
import no.examhub.platform.streams.ContentHash;

/**
 * Something Examhub wants a partner to do; emitted by the topology, carried out by dispatch.
 *
 * @param commandId deterministic: a hash of what the command does, so the same decision taken
 *     twice is one command, and dispatch can use it as the idempotency key
 * @param operation what to do, e.g. {@code fetch-session}, {@code register-appeal}; the payload's
 * @param payload the operation's parameters, in Examhub's terms; null only for an operation this
 *     version does not know, whose payload is then kept whole in {@code unknowns}
 * @param causationId the id of the event or record that caused the command
 * @param unknowns the fields of the JSON this command was read from that this version does not
 *     know; written back unchanged (see {@link OperationJson})
 */
@JsonSerialize(using = OperationJson.CommandWriter.class)
@JsonDeserialize(using = OperationJson.CommandReader.class)
public record Command(
    String commandId,
    String institution,
    Partner partner,
    String operation,
    Payload payload,
    String causationId,
    Instant createdAt,
    Unknowns unknowns) {

  public Command {
    unknowns = unknowns == null ? Unknowns.NONE : unknowns;
  }

  public Command(String commandId, String institution, Partner partner, String operation, Payload payload,
      String causationId, Instant createdAt) {
    this(commandId, institution, partner, operation, payload, causationId, createdAt, Unknowns.NONE);
  }

  /** A command whose id is the hash of institution, partner, operation and the payload's JSON. */
  public static Command of(String institution, Partner partner, Payload payload, String causationId,
      Instant createdAt) {
    String id = ContentHash.of(institution, partner, payload.operation(), Json.string(payload));
    return new Command(id, institution, partner, payload.operation(), payload, causationId, createdAt);
  }

  /**
   * The first of the payload's fields that it has, as text, whichever record names it: for the logs,
   * the audit and alerts, which describe every command alike (vurdId, testId, flowId ...).
   */
  public String payloadText(String... fields) {
    if (payload == null) {
      return null;
    }
    JsonNode json = Json.MAPPER.valueToTree(payload);
    for (String field : fields) {
      String v = Json.text(json, field);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /**
   * The payload as the record its operation has; a command whose payload is of another kind (or
   * unknown to this version) cannot be carried out, which is the caller's permanent failure.
   */
  public <P extends Payload> P payload(Class<P> type) {
    if (!type.isInstance(payload)) {
      throw new IllegalArgumentException("the " + operation + " command carries no " + type.getSimpleName());
    }
    return type.cast(payload);
  }
}
