package no.examhub.dispatch;

import java.time.Duration;

/**
 * A partner call that failed. Retryable: connection failures, timeouts, 408, 429 and 5xx (a
 * partner's {@code Retry-After} is honoured). Anything else (other 4xx, an answer we cannot read)
 * will not get better by trying again and goes to the dead letters at once.
 */
public final class PartnerFailure extends Exception {
  private final String code;
  private final boolean retryable;
  private final Duration retryAfter;

  public PartnerFailure(String code, String message, boolean retryable, Duration retryAfter) {
    super(message, null, false, false);
    this.code = code;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  public static PartnerFailure retryable(String code, String message) {
    return new PartnerFailure(code, message, true, null);
  }

  public static PartnerFailure permanent(String code, String message) {
    return new PartnerFailure(code, message, false, null);
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }

  /** What the partner asked for, or null to use our own backoff. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
