package no.examhub.event;



/**
 * A case Examhub has forgotten (its retention ran out, or its candidate was erased), told to the
 * exam-event correlator so it forgets the case's Inspera link and any events held for it. Keyed
 * {@code institution/testId}, like the link. Carries Inspera's ids only, never the candidate number.
 *
 * @param reason {@code retention} or {@code erasure}
 */
public record CaseForget(String institution, String testId, String candidateUserId, String reason) {
  public static final String RETENTION = "retention";
  public static final String ERASURE = "erasure";

  public String testKey() {
    return institution + "/" + testId;
  }
}
