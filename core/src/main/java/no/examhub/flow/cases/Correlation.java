package no.examhub.flow.cases;

import no.examhub.event.CaseForget;
import no.examhub.event.ExamEvent;

/**
 * An input of the exam-event correlator: an event to place, a link that places events, a
 * forgotten case whose link and held events go, or a repeat of an event (for its case's timeline).
 */
record Correlation(ExamEvent event, CandidateLink link, CaseForget forget, ExamEvent repeat) {
  static Correlation of(ExamEvent e) {
    return new Correlation(e, null, null, null);
  }

  static Correlation of(CandidateLink l) {
    return new Correlation(null, l, null, null);
  }

  static Correlation of(CaseForget f) {
    return new Correlation(null, null, f, null);
  }

  static Correlation repeatOf(ExamEvent e) {
    return new Correlation(null, null, null, e);
  }
}
