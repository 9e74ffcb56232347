package no.examhub.flow.cases;

import no.examhub.event.ExamEvent;

/** An input of the exam-event correlator: an event to place, or a link that places events. */
record Correlation(ExamEvent event, CandidateLink link) {}
