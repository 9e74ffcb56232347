package no.examhub.partner.inspera;

/**
 * The Inspera webhook events the flows act on. Which names an Inspera tenant sends is listed by
 * {@code GET /v1/subscription/events}; these are the ones Examhub subscribes to.
 */
public final class InsperaEvents {
  /** Final grades confirmed on a test: master theses start waiting for their deadlines. */
  public static final String GRADES_CONFIRMED = "confirm_final_grades";
  /** The decision on a candidate's appeal (klage-vedtak); associatedObjectId is the candidate. */
  public static final String APPEAL_DECISION = "appeal_decision";
  /** A candidate's explanation was published; associatedObjectId is the candidate. */
  public static final String EXPLANATION_PUBLISHED = "explanation_published";

  /** A test-events export is ready (seed 000); contextObjectId is the test. */
  public static final String EXPORT_FINISHED = "event_by_candidates_export_finished";

  private InsperaEvents() {}
}
