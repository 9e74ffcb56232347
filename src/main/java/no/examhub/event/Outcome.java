package no.examhub.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What became of a command, fed back by dispatch into the topology. Keyed like the command.
 *
 * @param result on success, what the partner answered that the flows need (testId,
 *     candidateUserId, flowId, reassessmentFlowId, explanation documents ...)
 * @param errorCode on failure, a stable reason (HTTP status or Examhub code)
 */
public record Outcome(
    String commandId,
    String institution,
    Partner partner,
    String operation,
    boolean success,
    int attempts,
    String errorCode,
    String reason,
    JsonNode result,
    Instant at) {

  public String text(String field) {
    JsonNode node = result == null ? null : result.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }
}
