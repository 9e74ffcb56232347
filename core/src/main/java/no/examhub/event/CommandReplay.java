package no.examhub.event;

import java.time.Instant;

/**
 * An operator's replay of a dead-lettered command, on its way through the topology: the case it
 * acts on decides whether the command is still wanted ({@link ReplayDecision}), in the order of the
 * case's own inputs. Keyed like the command, so it meets its case in the same partition.
 *
 * @param requestId one per replayed dead letter and request, so the operator's call finds its decision
 */
public record CommandReplay(String requestId, String deadLetterId, Command command, String requestedBy,
    Instant requestedAt) {}
