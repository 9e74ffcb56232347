package no.examhub.flow.cases;

import no.examhub.event.ExamSystem;

/** A new case, from whatever input came first; it carries the case's identity. */
final class CaseOpening {
  private CaseOpening() {}

  static CaseState from(String caseKey, CaseInput in) {
    if (in.appeal() != null) {
      var a = in.appeal();
      return CaseState.open(caseKey, a.institution(), a.examSystem(), a.vurdId(), a.kandidatnr());
    }
    if (in.explanationRequest() != null) {
      var r = in.explanationRequest();
      return CaseState.open(caseKey, r.institution(), r.examSystem(), r.vurdId(), r.kandidatnr());
    }
    if (in.thesis() != null) {
      var t = in.thesis();
      return CaseState.open(caseKey, t.institution(), t.examSystem(), t.vurdId(), t.kandidatnr());
    }
    // An outcome or event for a case not seen yet: identity from the key (institution/vurdId/kandidatnr).
    int first = caseKey.indexOf('/');
    int last = caseKey.lastIndexOf('/');
    String institution = first < 0 ? caseKey : caseKey.substring(0, first);
    String vurdId = first < 0 || last <= first ? null : caseKey.substring(first + 1, last);
    String kandidatnr = last <= first ? null : caseKey.substring(last + 1);
    ExamSystem system = in.outcome() != null && in.outcome().partner() == no.examhub.event.Partner.WISEFLOW
        ? ExamSystem.WISEFLOW : ExamSystem.INSPERA;
    return CaseState.open(caseKey, institution, system, vurdId, kandidatnr);
  }
}
