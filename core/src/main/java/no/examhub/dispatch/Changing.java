package no.examhub.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import no.examhub.event.Result;

/**
 * Marks the one call of an operation that changes something at the partner (register an appeal,
 * archive a thesis ...; docs/faults.md lists them). Once such a call is answered 2xx the partner
 * has applied it, so an answer we cannot read (not JSON, or without what we need) is "applied,
 * result unknown" ({@link PartnerFailure#appliedUnknown()}), not a permanent failure: a dead
 * letter would invite a replay, which would apply it a second time. Reads keep the permanent
 * {@code UNREADABLE_ANSWER}.
 */
public final class Changing {
  /** A partner call. */
  @FunctionalInterface
  public interface Call {
    JsonNode send() throws PartnerFailure;
  }

  private Changing() {}

  /** Makes the call; a 2xx answer that cannot be read becomes applied-unknown, with {@code known} kept. */
  public static JsonNode call(Result known, Call call) throws PartnerFailure {
    try {
      return call.send();
    } catch (PartnerFailure f) {
      if (f.answeredOk() && !f.appliedUnknown()) {
        throw PartnerFailure.appliedUnknown(f.code(), f.getMessage(), known);
      }
      throw f;
    }
  }

  /** A changing call answered 2xx without what the operation needs (a jobId, an archiveId ...). */
  public static PartnerFailure unexpected(String message, Result known) {
    return PartnerFailure.appliedUnknown("UNEXPECTED_ANSWER", message, known);
  }
}
