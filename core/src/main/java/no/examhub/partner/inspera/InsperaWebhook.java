package no.examhub.partner.inspera;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An Inspera webhook as Inspera sends it: a thin notification, e.g. {@code {"contextObjectId":
 * 35199862, "event": "confirm_final_grades", "timestamp": "2018-10-04T16:47:55Z"}}, where
 * {@code contextObjectId} is the test (assessmentRunId). Ids are read as nodes because Inspera
 * sends them as numbers and we keep them as text.
 */
public record InsperaWebhook(
    JsonNode contextObjectId,
    String contextObjectType,
    JsonNode associatedObjectId,
    String associatedObjectType,
    JsonNode triggeringUserId,
    String event,
    String timestamp) {

  /** No {@code event}: not a notification Inspera documents (its validation POST is {@code "verification"}). */
  public boolean hasNoEvent() {
    return event == null || event.isBlank();
  }

  public String objectId() {
    return text(contextObjectId);
  }

  static String text(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }
}
