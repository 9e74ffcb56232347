package no.examhub.event;

import java.time.Instant;

/**
 * What the topology decided about a {@link CommandReplay}: the command went back to its partner's
 * command topic, or it was refused because its case no longer wants it (the reason says why, e.g.
 * "FS has withdrawn the appeal since"). Keyed like the command.
 */
public record ReplayDecision(String requestId, String deadLetterId, Command command, boolean refused, String reason,
    Instant decidedAt) {}
