package no.examhub.ops.deadletters;

import java.util.List;

/**
 * The answer to a replay. A replay goes through its case as it is now (flow/cases/ReplayGate):
 * only what the case still wants goes back to the partner.
 *
 * @param replayedIds ids whose command went back to its partner's command topic
 * @param skipped ids replayed before (replay again with {@code force})
 * @param notFound requested ids that are no dead letter (wrong id, or past retention)
 * @param refused ids whose case no longer wants the command, with the reason; not replayed, so a
 *     later replay may try again
 * @param pending ids the topology had not decided on within the wait (it still will; the list shows them)
 */
public record ReplayResult(int replayed, List<String> replayedIds, List<String> skipped, List<String> notFound,
    List<Refusal> refused, List<String> pending) {

  /** A replay the case refused. */
  public record Refusal(String id, String commandId, String operation, String reason) {}
}
