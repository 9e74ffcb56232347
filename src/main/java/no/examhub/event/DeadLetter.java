package no.examhub.event;

import java.time.Instant;

/**
 * A record Examhub could not process, with the reason and enough of its origin to find and replay it.
 *
 * @param errorCode a stable, machine-readable reason (e.g. {@code MALFORMED_JSON})
 * @param payload the value as it was read, as text (UTF-8) when it was text
 */
public record DeadLetter(
    String sourceTopic,
    int partition,
    long offset,
    String key,
    String stage,
    String errorCode,
    String reason,
    String payload,
    Instant failedAt) {}
