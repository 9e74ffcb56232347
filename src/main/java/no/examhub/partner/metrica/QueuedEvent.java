package no.examhub.partner.metrica;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import no.examhub.platform.json.Json;

/** What {@code GET /metrica/v1/results/event} answers: the event and how to acknowledge it. */
record QueuedEvent(String messageId, String locktoken, Instant lockedUntil, Instant receivedAt, JsonNode event) {

  static QueuedEvent of(ResultsQueue.Locked locked) {
    return new QueuedEvent(locked.messageId().toString(), locked.lockToken(), locked.lockedUntil(),
        locked.receivedAt(), Json.tree(locked.event()));
  }
}
