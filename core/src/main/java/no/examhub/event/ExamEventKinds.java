package no.examhub.event;



/**
 * What an exam system's event means to Examhub, whatever the partner calls it: the flows act on
 * these, never on a partner's event names. Inspera's names are configuration per tenant
 * ({@code partners.inspera.events}, keyed by these same words); the Inspera intake puts the
 * meaning into {@link ExamEvent#event()}, and an event of no known meaning keeps its own name.
 */
public final class ExamEventKinds {
  /** Final grades confirmed on a test: master theses start waiting for their deadlines. */
  public static final String FINAL_GRADES = "final-grades";
  /** The decision on a candidate's appeal (klage-vedtak); associatedObjectId is the candidate. */
  public static final String APPEAL_DECISION = "appeal-decision";
  /** A candidate's explanation was published; associatedObjectId is the candidate. */
  public static final String EXPLANATION_PUBLISHED = "explanation-published";
  /** A test-events export has finished (seed 000); contextObjectId is the test. */
  public static final String EXPORT_FINISHED = "export-finished";

  private ExamEventKinds() {}
}
