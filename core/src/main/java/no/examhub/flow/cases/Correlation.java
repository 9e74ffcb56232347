package no.examhub.flow.cases;

import no.examhub.event.CaseForget;
import no.examhub.event.ExamEvent;

/**
 * An input of the exam-event correlator: an event to place, a link that places events, or a
 * forgotten case whose link and held events go.
 */
record Correlation(ExamEvent event, CandidateLink link, CaseForget forget) {
  static Correlation of(ExamEvent e) {
    return new Correlation(e, null, null);
  }

  static Correlation of(CandidateLink l) {
    return new Correlation(null, l, null);
  }

  static Correlation of(CaseForget f) {
    return new Correlation(null, null, f);
  }
}
