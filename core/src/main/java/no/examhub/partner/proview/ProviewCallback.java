package no.examhub.partner.proview;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Talview Proview's termination callback (seed 002), e.g. {@code {"message": "Session Has Been
 * Terminated", "external_id": "5506693", "session_uuid": "f46bd560-53f6-11eb-b441-492a960aa0ba"}}.
 * It carries no signature and no rating: it is only a trigger to fetch the session from Proview.
 * {@code external_id} is read as a node because senders may send it as a number.
 */
public record ProviewCallback(
    @JsonProperty("session_uuid") String sessionUuid,
    @JsonProperty("external_id") JsonNode externalId,
    @JsonProperty("message") String message) {

  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  public boolean hasValidSessionUuid() {
    return sessionUuid != null && UUID.matcher(sessionUuid).matches();
  }

  /** Lower case, so the same session sent in either case has one key and one command. */
  public String session() {
    return sessionUuid.toLowerCase(Locale.ROOT);
  }

  public String externalIdText() {
    return externalId == null || externalId.isNull() || externalId.isContainerNode() ? null : externalId.asText();
  }
}
