package no.examhub.partner.fs;

/**
 * A poll failed: FS was unreachable, answered an error or something unreadable, or the broker did
 * not take the records. Its message is safe to log: it never carries FS's answer, which holds
 * person numbers.
 */
final class FsException extends RuntimeException {
  FsException(String message) {
    super(message, null, false, false);
  }
}
