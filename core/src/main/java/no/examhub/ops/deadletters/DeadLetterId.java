package no.examhub.ops.deadletters;

import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;

/**
 * Where a dead letter is stored, {@code topic:partition:offset}: unique and stable for as long as
 * the record is retained, so it is the dead letter's id in the API and in the replay records.
 */
record DeadLetterId(String topic, int partition, long offset) {

  static DeadLetterId parse(String id) {
    String[] parts = id == null ? new String[0] : id.split(":");
    if (parts.length != 3) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "a dead-letter id is topic:partition:offset");
    }
    try {
      return new DeadLetterId(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "a dead-letter id is topic:partition:offset");
    }
  }

  @Override
  public String toString() {
    return topic + ":" + partition + ":" + offset;
  }
}
