package no.examhub.dispatch;

import java.time.Duration;
import no.examhub.event.Result;

/**
 * A partner call that failed. Retryable: connection failures, timeouts, 408, 429 and 5xx (a
 * partner's {@code Retry-After} is honoured). Anything else (other 4xx, an answer we cannot read)
 * will not get better by trying again and goes to the dead letters at once; except after a call
 * that changes something at the partner ({@link Changing}): a 2xx answer there means the partner
 * applied it, so an answer we cannot read is {@link #appliedUnknown() applied, result unknown},
 * recorded as carried out and alerted, never dead-lettered (a replay would apply it twice).
 */
public final class PartnerFailure extends Exception {
  private final String code;
  private final boolean retryable;
  private final Duration retryAfter;
  private final boolean answeredOk;
  private final boolean appliedUnknown;
  private final Result known;

  public PartnerFailure(String code, String message, boolean retryable, Duration retryAfter) {
    this(code, message, retryable, retryAfter, false, false, null);
  }

  private PartnerFailure(String code, String message, boolean retryable, Duration retryAfter, boolean answeredOk,
      boolean appliedUnknown, Result known) {
    super(message, null, false, false);
    this.code = code;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
    this.answeredOk = answeredOk;
    this.appliedUnknown = appliedUnknown;
    this.known = known;
  }

  public static PartnerFailure retryable(String code, String message) {
    return new PartnerFailure(code, message, true, null);
  }

  public static PartnerFailure permanent(String code, String message) {
    return new PartnerFailure(code, message, false, null);
  }

  /** The partner answered 2xx with a body we cannot read: permanent after a read, applied after a change. */
  public static PartnerFailure unreadableAnswer(String code, String message) {
    return new PartnerFailure(code, message, false, null, true, false, null);
  }

  /**
   * The partner applied a call that changes something, but its answer is not what we can use.
   *
   * @param known what the handler knew before the call (ids it resolved), carried into the outcome
   */
  public static PartnerFailure appliedUnknown(String code, String message, Result known) {
    return new PartnerFailure(code, message, false, null, true, true, known);
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

  /** The partner answered 2xx: whatever went wrong, it did not refuse. */
  public boolean answeredOk() {
    return answeredOk;
  }

  /** The partner applied the change; what it answered cannot be read. Never retried, never dead-lettered. */
  public boolean appliedUnknown() {
    return appliedUnknown;
  }

  /** With {@link #appliedUnknown()}: what is known without the answer (may be null). */
  public Result known() {
    return known;
  }
}
