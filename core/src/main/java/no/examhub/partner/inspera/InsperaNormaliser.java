package no.examhub.partner.inspera;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamSystem;
import no.examhub.event.RawRequest;
import no.examhub.institution.PartnerSettings;
import no.examhub.platform.json.IsoInstants;
import no.examhub.platform.json.Json;
import no.examhub.platform.streams.ContentHash;
import no.examhub.platform.streams.Rejected;

/**
 * Turns a raw Inspera webhook into an {@link ExamEvent} in Examhub's terms: its {@code event} is
 * the meaning the route found for the tenant's event name ({@link InsperaEventNames#MEANING_HEADER});
 * an event of no known meaning keeps its own name, so no flow acts on it (the route counted and
 * listed it). A request stored without the header (before it existed) is read with the documented
 * defaults. Bad content is {@link Rejected}.
 */
public final class InsperaNormaliser {
  private InsperaNormaliser() {}

  public static ExamEvent normalise(RawRequest raw) {
    InsperaWebhook hook = parse(raw.body());
    if (hook == null || hook.hasNoEvent()) {
      throw new Rejected("MISSING_FIELD", "event is missing");
    }
    if (hook.objectId() == null) {
      throw new Rejected("MISSING_FIELD", "contextObjectId is missing");
    }
    Instant occurredAt = instant(hook.timestamp());
    String associatedId = InsperaWebhook.text(hook.associatedObjectId());
    String userId = InsperaWebhook.text(hook.triggeringUserId());
    // Business fields only: a retried delivery (new request id, new arrival time) hashes the same.
    String eventId = ContentHash.of(raw.institution(), ExamSystem.INSPERA, hook.event(), hook.objectId(),
        hook.contextObjectType(), associatedId, hook.associatedObjectType(), userId, hook.timestamp());
    return new ExamEvent(eventId, raw.institution(), ExamSystem.INSPERA, meaning(raw, hook.event()), hook.objectId(),
        hook.contextObjectType(), associatedId, hook.associatedObjectType(), userId, occurredAt,
        raw.receivedAt(), raw.requestId());
  }

  private static String meaning(RawRequest raw, String event) {
    String meaning = raw.headers() == null ? null : raw.headers().get(InsperaEventNames.MEANING_HEADER);
    if (meaning == null) {
      return InsperaEventNames.meaningOf(PartnerSettings.Inspera.DEFAULTS, event).orElse(event);
    }
    return meaning.isEmpty() ? event : meaning;
  }

  private static InsperaWebhook parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new Rejected("MALFORMED_JSON", "empty body");
    }
    try {
      return Json.MAPPER.readValue(body, InsperaWebhook.class);
    } catch (IOException e) {
      throw new Rejected("MALFORMED_JSON", "not an Inspera webhook: " + e.getClass().getSimpleName());
    }
  }

  private static Instant instant(String timestamp) {
    if (timestamp == null) {
      return null;
    }
    try {
      return IsoInstants.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw new Rejected("BAD_TIMESTAMP", "timestamp is not ISO-8601: " + timestamp.length() + " chars");
    }
  }
}
