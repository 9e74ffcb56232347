package no.examhub.event;

import java.time.Instant;

/**
 * An exam system's event in Examhub's own terms, whatever the partner's wire format.
 *
 * @param eventId SHA-256 of the business fields: the same event delivered twice has the same id
 * @param objectId the object the event is about (Inspera: {@code contextObjectId}, the test)
 * @param occurredAt when the partner says it happened (not when we received it)
 */
public record ExamEvent(
    String eventId,
    String institution,
    ExamSystem examSystem,
    String event,
    String objectId,
    String objectType,
    String associatedObjectId,
    String associatedObjectType,
    String triggeringUserId,
    Instant occurredAt,
    Instant receivedAt,
    String requestId) {}
