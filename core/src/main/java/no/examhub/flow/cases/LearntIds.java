package no.examhub.flow.cases;

import no.examhub.event.Result;
import no.examhub.flow.cases.CaseState.Ids;

/** The exam system's ids for a case that a case command's result teaches it. */
final class LearntIds {
  private LearntIds() {}

  /** The ids the result names; none for a result that names none. */
  static Ids of(Result result) {
    if (result instanceof Result.InsperaIds r) {
      return new Ids(r.testId(), r.candidateUserId(), null, null, null, null);
    }
    if (result instanceof Result.ExplanationFetched r) {
      return new Ids(r.testId(), r.candidateUserId(), null, null, null, null);
    }
    if (result instanceof Result.WiseflowIds r) {
      return new Ids(null, null, text(r.flowId()), text(r.participantId()), text(r.reassessmentFlowId()),
          text(r.explanationRequestId()));
    }
    return Ids.NONE;
  }

  /** Inspera's test and candidate, when the result names both: they place Inspera's later events. */
  static Ids insperaCandidate(Result result) {
    Ids ids = of(result);
    return ids.testId() != null && ids.candidateUserId() != null ? ids : null;
  }

  private static String text(Long id) {
    return id == null ? null : id.toString();
  }
}
