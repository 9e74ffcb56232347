package no.examhub.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import no.examhub.platform.json.Json;

/**
 * What became of a command, fed back by dispatch into the topology. Keyed like the command.
 *
 * @param result on success, what the partner answered that the flows need (testId,
 *     candidateUserId, flowId, reassessmentFlowId, explanation documents ...); with
 *     {@link Status#APPLIED_RESULT_UNKNOWN}, only what was known without the answer
 * @param errorCode on failure, a stable reason (HTTP status or Examhub code); with an unknown
 *     result, why it is unknown ({@code UNREADABLE_ANSWER}, {@code UNEXPECTED_ANSWER})
 * @param status what the partner did; absent in outcomes written before it existed, so taken from
 *     {@code success}
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
    Instant at,
    Status status) {

  /**
   * APPLIED: carried out, answer read. FAILED: not carried out (dead-lettered). APPLIED_RESULT_UNKNOWN:
   * the partner answered 2xx to a call that changes something, but the answer could not be read; it is
   * {@code success} (the flows go on as applied, with what they know) and never carried out again.
   */
  public enum Status { APPLIED, FAILED, APPLIED_RESULT_UNKNOWN }

  public Outcome {
    if (status == null) {
      status = success ? Status.APPLIED : Status.FAILED;
    }
  }

  public Outcome(String commandId, String institution, Partner partner, String operation, boolean success,
      int attempts, String errorCode, String reason, JsonNode result, Instant at) {
    this(commandId, institution, partner, operation, success, attempts, errorCode, reason, result, at, null);
  }

  public boolean resultUnknown() {
    return status == Status.APPLIED_RESULT_UNKNOWN;
  }

  public String text(String field) {
    return Json.text(result, field);
  }
}
