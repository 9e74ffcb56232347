package no.examhub.partner.fs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import no.examhub.institution.Institution;
import no.examhub.platform.logging.Redaction;
import no.examhub.platform.streams.DeadLetter;

/**
 * A record in FS's answer that Examhub cannot read, set aside as a {@link DeadLetter} on
 * {@code examhub.dead-letters} (../shared/partners/README.md: set aside with its reason, not stop
 * that institution's feed). It came from no topic: {@code sourceTopic} names the FS feed
 * ({@code fs:klager}), partition and offset are -1, the key is {@code institution/endpoint}. The
 * payload is the record as FS sent it with the person number and names replaced by
 * {@code <redacted>}, and whatever still looks like a national id redacted too, so an operator sees
 * which exam and candidate it was and nothing that identifies the person.
 */
final class FsDeadLetters {
  static final String STAGE = "fs-poll";
  private static final List<String> PERSONAL = List.of("personlopenr", "fodselsnr", "fodselsnummer", "fornavn",
      "etternavn");

  private FsDeadLetters() {}

  static String key(Institution institution, String endpoint) {
    return institution.shortName() + "/" + endpoint;
  }

  static DeadLetter of(Institution institution, String endpoint, JsonNode record, FsException reason, Instant at) {
    return new DeadLetter("fs:" + endpoint, -1, -1L, key(institution, endpoint), STAGE, reason.code(),
        reason.getMessage(), redacted(record), at);
  }

  static String redacted(JsonNode record) {
    JsonNode copy = record.deepCopy();
    if (copy instanceof ObjectNode o) {
      for (String field : PERSONAL) {
        if (o.has(field)) {
          o.put(field, "<redacted>");
        }
      }
    }
    return Redaction.redact(copy.toString());
  }
}
