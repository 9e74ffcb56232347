package no.examhub.partner.fs;

/**
 * An exam with at least one open case.
 *
 * @param institution the institution's short name
 * @param vurdId FS's id of the assessment (the {@code examId} of FS's per-exam reads)
 */
public record OpenExam(String institution, String vurdId) {}
