package no.examhub.partner.fs;

import java.util.Set;

/** The exams that have open cases, which the reconciliation pass re-reads from FS in full. */
@FunctionalInterface
public interface OpenExams {
  Set<OpenExam> list();
}
