package no.examhub.partner.proview;

import com.fasterxml.jackson.databind.JsonNode;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.ProctoringResult;

/** Proview's fetched session (a successful {@code fetch-session} outcome) as a rating result. */
public final class ProviewRatings {
  private ProviewRatings() {}

  public static boolean isFetchedSession(Outcome o) {
    return o.partner() == Partner.PROVIEW && ProviewHandler.FETCH_SESSION.equals(o.operation()) && o.success()
        && o.result() != null;
  }

  public static ProctoringResult rating(Outcome o) {
    String uuid = o.text("uuid");
    String externalId = o.text("external_id");
    JsonNode systemInfo = o.result().get("system_info");
    return new ProctoringResult(o.institution(), ProctoringResult.PROVIEW, externalId != null ? externalId : uuid,
        uuid, ProctoringResult.RATING, o.text("final_rating"), o.text("status"), o.text("session_started_at"),
        systemInfo == null || systemInfo.isNull() ? null : systemInfo, o.at());
  }
}
