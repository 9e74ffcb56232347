package no.examhub.partner.proview;

import com.fasterxml.jackson.databind.JsonNode;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.ProctoringResult;
import no.examhub.event.Result;

/** Proview's fetched session (a successful {@code fetch-session} outcome) as a rating result. */
public final class ProviewRatings {
  private ProviewRatings() {}

  public static boolean isFetchedSession(Outcome o) {
    return o.partner() == Partner.PROVIEW && Operations.FETCH_SESSION.equals(o.operation()) && o.success()
        && o.result() instanceof Result.ProctoringSession;
  }

  public static ProctoringResult rating(Outcome o) {
    Result.ProctoringSession session = (Result.ProctoringSession) o.result();
    JsonNode systemInfo = session.systemInfo();
    return new ProctoringResult(o.institution(), ProctoringResult.PROVIEW,
        session.externalId() != null ? session.externalId() : session.uuid(), session.uuid(), ProctoringResult.RATING,
        session.finalRating(), session.status(), session.sessionStartedAt(),
        systemInfo == null || systemInfo.isNull() ? null : systemInfo, o.at());
  }
}
