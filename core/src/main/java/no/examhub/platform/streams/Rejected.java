package no.examhub.platform.streams;

/** Thrown by a parsing step for input that can never be processed; the record is dead-lettered. */
public final class Rejected extends RuntimeException {
  private final String code;

  public Rejected(String code, String reason) {
    super(reason, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
