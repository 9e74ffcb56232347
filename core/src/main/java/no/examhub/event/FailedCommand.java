package no.examhub.event;

import java.time.Instant;

/**
 * A command dispatch gave up on: retries exhausted, or an answer that retrying cannot change.
 * Kept on the command dead-letter topic until an operator replays it.
 */
public record FailedCommand(Command command, int attempts, String errorCode, String reason, Instant failedAt) {}
