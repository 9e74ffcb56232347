package no.examhub.partner.fs;

/**
 * A poll failed (FS was unreachable, answered an error or something unreadable, or the broker did
 * not take the records), or one record of an answer cannot be read ({@link FsRecords}). Its message
 * is safe to log: it never carries FS's answer, which holds person numbers.
 */
final class FsException extends RuntimeException {
  static final String MISSING_FIELD = "FS_MISSING_FIELD";
  static final String BAD_DATE = "FS_BAD_DATE";
  static final String UNREADABLE_RECORD = "FS_UNREADABLE_RECORD";

  private final String code;

  FsException(String message) {
    this("FS_POLL_FAILED", message);
  }

  FsException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** A stable reason, e.g. {@link #MISSING_FIELD}; the dead letter's error code for an unreadable record. */
  String code() {
    return code;
  }
}
