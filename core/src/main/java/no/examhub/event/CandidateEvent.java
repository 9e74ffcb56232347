package no.examhub.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event registered on a candidate during an Inspera test (seed 000's test-events export):
 * system events (network trouble, a new SEB login) and invigilators' notes. Keyed
 * {@code institution/testId/candidateId}, so one candidate's events stay in order.
 *
 * @param candidateId the candidate's number on the test (Inspera {@code candidateId})
 * @param candidateUserId the candidate's Inspera user id
 * @param flaggingInfo {@code flagType, flagSubTypes, comment, severityLevel}, or null when not flagged
 * @param userId the Inspera user id of who registered the event (a system user for system events)
 */
public record CandidateEvent(
    String institution,
    String testId,
    String candidateId,
    String candidateUserId,
    String eventId,
    String event,
    Instant timeStamp,
    JsonNode extraInfo,
    JsonNode flaggingInfo,
    JsonNode attachedFiles,
    String userId) {

  public String key() {
    return institution + "/" + testId + "/" + candidateId;
  }
}
