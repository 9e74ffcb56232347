package no.examhub.platform.streams;


/**
 * The result of a step that can fail on bad input: a value, or the dead letter that says why.
 * Expected failures are data, so a topology splits on this instead of throwing.
 */
public record Attempt<T>(T value, DeadLetter deadLetter) {
  public static <T> Attempt<T> ok(T value) {
    return new Attempt<>(value, null);
  }

  public static <T> Attempt<T> failed(DeadLetter deadLetter) {
    return new Attempt<>(null, deadLetter);
  }

  public boolean failed() {
    return deadLetter != null;
  }
}
