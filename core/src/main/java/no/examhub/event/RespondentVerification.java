package no.examhub.event;

import java.time.Instant;

/**
 * The outcome of one {@code verify_respondent} request, accepted or rejected: who tried to enter
 * which exam, when, and why they were turned away. Never the access code.
 *
 * @param candidateId what the respondent typed as candidate id; null when the field was missing
 * @param reasonCode null when accepted, else e.g. {@code WRONG_ACCESS_CODE}
 * @param requestId the HTTP request's id, to match a vendor complaint to this record
 */
public record RespondentVerification(
    String institution,
    String examId,
    String candidateId,
    boolean accepted,
    String reasonCode,
    Instant at,
    String requestId) {}
