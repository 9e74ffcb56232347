package no.examhub.partner.standard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import no.examhub.event.ExamEvent;
import no.examhub.event.RawRequest;
import no.examhub.institution.StandardSourceMapping;
import no.examhub.platform.json.IsoInstants;
import no.examhub.platform.json.Json;
import no.examhub.platform.streams.ContentHash;
import no.examhub.platform.streams.NormaliseOrDeadLetter;
import no.examhub.platform.streams.Rejected;

/**
 * Turns a raw Standard Webhook into an {@link ExamEvent} with the mapping its source had when the
 * webhook was accepted ({@link StandardSourceMapping}, stored beside the request by the route).
 * The event's id is a hash of institution, source and {@code webhook-id} (the sender's
 * idempotency key, so a re-delivery has the same id whatever its timestamp or signature); a source
 * signed without one (the Inspera scheme) is identified by its body instead. Anything the mapping
 * cannot place is {@link Rejected} with a code that says what was missing.
 */
public final class StandardWebhookNormaliser {
  /** The source's name in the URL (the raw record's {@code source} is {@code standard} for all). */
  public static final String SOURCE_HEADER = "x-examhub-standard-source";
  /** The source's mapping as JSON; empty when the institution configured none. */
  public static final String MAPPING_HEADER = "x-examhub-standard-mapping";
  /** The {@code webhook-id} as verified; empty for a scheme without one. */
  public static final String WEBHOOK_ID_HEADER = "x-examhub-webhook-id";
  private static final int MAX_QUOTED = 80;

  private StandardWebhookNormaliser() {}

  /** Examhub's own headers for a webhook of {@code source}, set by the route at acceptance. */
  public static Map<String, String> headers(String source, String webhookId, Optional<StandardSourceMapping> mapping) {
    return Map.of(SOURCE_HEADER, source, WEBHOOK_ID_HEADER, webhookId,
        MAPPING_HEADER, mapping.map(Json::string).orElse(""));
  }

  public static ExamEvent normalise(RawRequest raw) {
    Map<String, String> headers = raw.headers() == null ? Map.of() : raw.headers();
    String source = headers.getOrDefault(SOURCE_HEADER, "");
    StandardSourceMapping mapping = mapping(source, headers.get(MAPPING_HEADER));
    JsonNode body = parse(raw.body());
    String type = text(body, mapping.event(), "event");
    if (type == null) {
      throw new Rejected("MISSING_FIELD", "no event type at " + mapping.event());
    }
    String kind = mapping.events().get(type);
    if (kind == null) {
      throw new Rejected("UNMAPPED_EVENT", "event type " + quote(type) + " of source " + quote(source)
          + " maps to no Examhub event (partners.standard." + quote(source) + ".events)");
    }
    String objectId = text(body, mapping.objectId(), "objectId");
    if (objectId == null) {
      throw new Rejected("MISSING_FIELD", "no object id at " + mapping.objectId());
    }
    String candidate = text(body, mapping.candidate(), "candidate");
    String webhookId = headers.getOrDefault(WEBHOOK_ID_HEADER, "");
    String identity = webhookId.isEmpty() ? "body:" + ContentHash.of(raw.bodyText()) : "id:" + webhookId;
    String eventId = ContentHash.of(raw.institution(), "standard", source, identity);
    return new ExamEvent(eventId, raw.institution(), mapping.examSystem(), kind, objectId,
        text(body, mapping.objectType(), "objectType"), candidate, candidate == null ? null : "candidate",
        text(body, mapping.triggeringUser(), "triggeringUser"), instant(body, mapping.occurredAt()),
        raw.receivedAt(), raw.requestId());
  }

  private static StandardSourceMapping mapping(String source, String json) {
    if (json == null || json.isEmpty()) {
      throw new Rejected("NO_MAPPING", "source " + quote(source) + " has no mapping (partners.standard."
          + quote(source) + ")");
    }
    try {
      StandardSourceMapping mapping = Json.MAPPER.readValue(json, StandardSourceMapping.class);
      if (mapping.examSystem() == null) {
        throw new Rejected("BAD_MAPPING", "the mapping of source " + quote(source) + " names no exam system");
      }
      return mapping;
    } catch (IOException | IllegalArgumentException e) {
      throw new Rejected("BAD_MAPPING", "the mapping of source " + quote(source) + " cannot be read");
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new Rejected("MALFORMED_JSON", "empty body");
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new Rejected("MALFORMED_JSON", "not JSON: " + e.getClass().getSimpleName());
    }
  }

  /** The scalar at {@code pointer}, as text; null when the mapping or the body has none. */
  private static String text(JsonNode body, String pointer, String field) {
    if (pointer.isEmpty()) {
      return null;
    }
    JsonNode node = body.at(pointer);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw new Rejected("BAD_FIELD", field + " at " + pointer + " is not a single value");
    }
    String text = node.asText();
    return text.isBlank() ? null : text;
  }

  private static Instant instant(JsonNode body, String pointer) {
    if (pointer.isEmpty()) {
      return null;
    }
    JsonNode node = body.at(pointer);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    try {
      if (node.isIntegralNumber()) {
        return Instant.ofEpochSecond(node.asLong());
      }
      if (node.isTextual()) {
        return IsoInstants.parse(node.asText());
      }
    } catch (DateTimeException e) {
      // Falls through to the rejection below.
    }
    throw new Rejected("BAD_TIMESTAMP", "occurredAt at " + pointer + " is neither ISO-8601 nor unix seconds");
  }

  private static String quote(String partnerText) {
    return partnerText.length() <= MAX_QUOTED ? partnerText : partnerText.substring(0, MAX_QUOTED) + "...";
  }
}
