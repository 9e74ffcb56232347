package no.examhub.simulator.fs;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import no.examhub.event.ExamSystem;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;

/** What the FS simulator reads from a request, answered through the error contract when wrong. */
final class FsRequests {
  private FsRequests() {}

  static ExamSystem examSystem(Context ctx) {
    try {
      return ExamSystem.valueOf(ctx.pathParam("examSystem"));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.NOT_FOUND, "Unknown exam system.");
    }
  }

  static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, name + " is missing.");
    }
    return value;
  }

  /** FS takes {@code siden} as ISO-8601 with an offset ({@code Z} or {@code +01:00}). */
  static Instant siden(String siden) {
    try {
      return OffsetDateTime.parse(required(siden, "siden")).toInstant();
    } catch (DateTimeParseException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "siden must be ISO-8601 with an offset.");
    }
  }
}
