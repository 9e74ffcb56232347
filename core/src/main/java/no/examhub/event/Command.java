package no.examhub.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import no.examhub.platform.streams.ContentHash;

/**
 * Something Examhub wants a partner to do; emitted by the topology, carried out by dispatch.
 *
 * @param commandId deterministic: a hash of what the command does, so the same decision taken
 *     twice is one command, and dispatch can use it as the idempotency key
 * @param operation what to do, e.g. {@code fetch-session}, {@code register-appeal}
 * @param payload the operation's parameters, in Examhub's terms
 * @param causationId the id of the event or record that caused the command
 */
public record Command(
    String commandId,
    String institution,
    Partner partner,
    String operation,
    JsonNode payload,
    String causationId,
    Instant createdAt) {

  /** A command whose id is the hash of institution, partner, operation and payload. */
  public static Command of(String institution, Partner partner, String operation, JsonNode payload,
      String causationId, Instant createdAt) {
    String id = ContentHash.of(institution, partner, operation, payload == null ? null : payload.toString());
    return new Command(id, institution, partner, operation, payload, causationId, createdAt);
  }
}
