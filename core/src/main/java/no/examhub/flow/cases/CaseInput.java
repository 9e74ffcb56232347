package no.examhub.flow.cases;

import no.examhub.event.ErasureRequest;
import no.examhub.event.ExamEvent;
import no.examhub.event.FsAppeal;
import no.examhub.event.FsExplanationRequest;
import no.examhub.event.Outcome;
import no.examhub.flow.cases.CaseState.Received;

/**
 * Everything that can change a case, in one envelope (exactly one field is set), so that the
 * inputs of a case meet in one processor, one store and one partition.
 *
 * @param repeat an FS record or exam event the dedup step dropped: only counted on the case
 */
public record CaseInput(FsAppeal appeal, FsExplanationRequest explanationRequest, Outcome outcome,
    ExamEvent examEvent, GradedThesis thesis, ErasureRequest erasure, Received repeat) {

  public static CaseInput of(FsAppeal a) {
    return new CaseInput(a, null, null, null, null, null, null);
  }

  public static CaseInput of(FsExplanationRequest e) {
    return new CaseInput(null, e, null, null, null, null, null);
  }

  public static CaseInput of(Outcome o) {
    return new CaseInput(null, null, o, null, null, null, null);
  }

  public static CaseInput of(ExamEvent e) {
    return new CaseInput(null, null, null, e, null, null, null);
  }

  public static CaseInput of(GradedThesis t) {
    return new CaseInput(null, null, null, null, t, null, null);
  }

  public static CaseInput of(ErasureRequest r) {
    return new CaseInput(null, null, null, null, null, r, null);
  }

  /** A repeat of an FS record or exam event, as received. */
  static CaseInput repeatOf(Received r) {
    return new CaseInput(null, null, null, null, null, null, r);
  }
}
