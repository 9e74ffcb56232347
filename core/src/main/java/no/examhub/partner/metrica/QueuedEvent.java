package no.examhub.partner.metrica;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import no.examhub.platform.json.Json;

/** What {@code GET /metrica/v1/results/event} answers: the event and how to acknowledge it. */
record QueuedEvent(String messageId, String locktoken, Instant lockedUntil, Instant receivedAt, JsonNode event) {

  /** {@code body} is read from the topic when the message is handed out; the queue holds none. */
  static QueuedEvent of(ResultsQueue.Locked locked, byte[] body) {
    return new QueuedEvent(locked.messageId().toString(), locked.lockToken(), locked.lockedUntil(),
        locked.receivedAt(), Json.tree(body));
  }
}
