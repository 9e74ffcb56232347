package no.examhub.event;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Optional;
import no.examhub.platform.json.Unknowns;

/**
 * What became of a command, fed back by dispatch into the topology. Keyed like the command.
 *
 * @param result on success, what the partner answered that the flows need (the {@link Result}
 *     record of the partner's operation); with {@link Status#APPLIED_RESULT_UNKNOWN}, only what was
 *     known without the answer; null on failure
 * @param errorCode on failure, a stable reason (HTTP status or Examhub code); with an unknown
 *     result, why it is unknown ({@code UNREADABLE_ANSWER}, {@code UNEXPECTED_ANSWER})
 * @param status what the partner did; absent in outcomes written before it existed, so taken from
 *     {@code success}
 * @param unknowns the fields of the JSON this outcome was read from that this version does not know
 */
@JsonSerialize(using = OperationJson.OutcomeWriter.class)
@JsonDeserialize(using = OperationJson.OutcomeReader.class)
public record Outcome(
    String commandId,
    String institution,
    Partner partner,
    String operation,
    boolean success,
    int attempts,
    String errorCode,
    String reason,
    Result result,
    Instant at,
    Status status,
    Unknowns unknowns) {

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
    unknowns = unknowns == null ? Unknowns.NONE : unknowns;
  }

  public Outcome(String commandId, String institution, Partner partner, String operation, boolean success,
      int attempts, String errorCode, String reason, Result result, Instant at, Status status) {
    this(commandId, institution, partner, operation, success, attempts, errorCode, reason, result, at, status,
        Unknowns.NONE);
  }

  public Outcome(String commandId, String institution, Partner partner, String operation, boolean success,
      int attempts, String errorCode, String reason, Result result, Instant at) {
    this(commandId, institution, partner, operation, success, attempts, errorCode, reason, result, at, null);
  }

  public boolean resultUnknown() {
    return status == Status.APPLIED_RESULT_UNKNOWN;
  }

  /** The result as the given record, when it is one. */
  public <R extends Result> Optional<R> result(Class<R> type) {
    return type.isInstance(result) ? Optional.of(type.cast(result)) : Optional.empty();
  }
}
