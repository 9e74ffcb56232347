package no.examhub.partner.proctoring;

import java.io.IOException;
import java.util.Set;
import no.examhub.event.ProctoringResult;
import no.examhub.event.RawRequest;
import no.examhub.platform.json.Json;
import no.examhub.platform.streams.Rejected;

/**
 * Reads the vendor's asynchronous events from {@code examhub.raw.proctoring}. The events carry
 * only ids (seed 001): the result itself stays with the vendor, so the examiner is told that it
 * is ready and for whom. {@code admitted_respondent} comes back with its own kind, for the
 * topology to drop and count: it is a fact about entry, not a result.
 */
public final class ProctoringResults {
  public static final String ADMITTED_RESPONDENT = "admitted_respondent";
  private static final Set<String> KNOWN = Set.of(ProctoringResult.RESULT_READY,
      ProctoringResult.INVESTIGATION_COMPLETE, ADMITTED_RESPONDENT);

  private ProctoringResults() {}

  public static ProctoringResult fromVendor(RawRequest raw) {
    ProctoringWebhook hook = parse(raw.body());
    if (hook.event() == null || !KNOWN.contains(hook.event())) {
      throw new Rejected("UNKNOWN_EVENT", "not an asynchronous proctoring event");
    }
    if (isBlank(hook.examId()) || isBlank(hook.respondentId())) {
      throw new Rejected("MISSING_FIELD", "exam_id or respondent_id is missing");
    }
    return new ProctoringResult(raw.institution(), ProctoringResult.EXAMJOINT, hook.examId(), hook.respondentId(),
        hook.event(), null, null, null, null, raw.receivedAt());
  }

  public static boolean isResult(ProctoringResult result) {
    return !ADMITTED_RESPONDENT.equals(result.kind());
  }

  private static ProctoringWebhook parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new Rejected("MALFORMED_JSON", "empty body");
    }
    try {
      ProctoringWebhook hook = Json.MAPPER.readValue(body, ProctoringWebhook.class);
      if (hook == null) {
        throw new Rejected("MALFORMED_JSON", "not a JSON object");
      }
      return hook;
    } catch (IOException e) {
      throw new Rejected("MALFORMED_JSON", "not a proctoring event: " + e.getClass().getSimpleName());
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
