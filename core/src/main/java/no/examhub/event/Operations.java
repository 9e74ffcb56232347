package no.examhub.event;

import java.util.Set;

/**
 * Every operation a command can name, what dispatch must do at which partner (seed 003's endpoints);
 * {@link Payload} and {@link Result} give each its records.
 */
public final class Operations {
  /** Inspera: resolve test and candidate (GET /test/search, GET /test/{id}), POST /test/{testId}/appeals. */
  public static final String REGISTER_APPEAL = "register-appeal";
  /** Inspera: POST /test/{testId}/appeals/withdraw. */
  public static final String WITHDRAW_APPEAL = "withdraw-appeal";
  /** WISEflow: find the flow (GET /license/sis/flows/{sisCode}), participant, POST /flow/{flowId}/reassessment. */
  public static final String CREATE_REASSESSMENT = "create-reassessment";
  /** Inspera: POST /test/{testId}/options enabling explanations. */
  public static final String ENABLE_EXPLANATION_OPTION = "enable-explanation-option";
  /** Inspera: POST /test/{testId}/explanations; WISEflow: POST /flow/{flowId}/explanation/request. */
  public static final String REQUEST_EXPLANATION = "request-explanation";
  /** Inspera: GET /test/{testId}/explanations, the published explanation's documents. */
  public static final String FETCH_EXPLANATION = "fetch-explanation";
  /** WISEflow: GET /flow/{flowId}/explanation/request/{id}; re-emitted each poll round while pending. */
  public static final String POLL_EXPLANATION = "poll-explanation";
  /** WISEflow: PATCH /flow/{flowId}/explanation/request/{id} with showJustification. */
  public static final String SHOW_EXPLANATION = "show-explanation";
  /** FS: POST /eksamen/begrunnelser/{examSystem}. */
  public static final String REGISTER_EXPLANATION = "register-explanation";
  /** FS: the callback that closes an appeal case with its decision. */
  public static final String REGISTER_APPEAL_DECISION = "register-appeal-decision";
  /** Inspera: GET /test/{testId}: is it a master thesis, its candidates, grades and files. */
  public static final String FETCH_TEST_METADATA = "fetch-test-metadata";
  /** Archive: file the thesis with the metadata the archive mapping needs. */
  public static final String ARCHIVE_THESIS = "archive-thesis";

  /** Inspera: order the test-events export (seed 000); the outcome carries the job id. */
  public static final String EXPORT_TEST_EVENTS = "export-test-events";
  /**
   * Inspera: poll an ordered export's job and, once it is done, download and fan out the file. Not
   * done yet is a retryable failure, so the command waits on the retry topic, never in a worker.
   */
  public static final String DOWNLOAD_TEST_EVENTS = "download-test-events";

  /** Proview: GET /v1/sessions/{uuid}, the proctoring session's rating. */
  public static final String FETCH_SESSION = "fetch-session";
  /** Metrica: deliver an event to the test players that subscribed to its kind. */
  public static final String NOTIFY_SUBSCRIBERS = "notify-subscribers";

  /**
   * The operations of the commands a case emits (the rules and the punctuators), so the ones whose
   * outcomes belong to a case. {@link #FETCH_TEST_METADATA} is not one: it is asked per test, and
   * its outcome is fanned out into one thesis per candidate. The export's, Proview's and Metrica's
   * operations are not either: their flows read their outcomes themselves.
   */
  public static final Set<String> OF_CASES = Set.of(REGISTER_APPEAL, CREATE_REASSESSMENT, WITHDRAW_APPEAL,
      REGISTER_APPEAL_DECISION, ENABLE_EXPLANATION_OPTION, REQUEST_EXPLANATION, FETCH_EXPLANATION, POLL_EXPLANATION,
      SHOW_EXPLANATION, REGISTER_EXPLANATION, ARCHIVE_THESIS);

  private Operations() {}

  /** Whether an outcome of this operation belongs to the case it is keyed by. */
  public static boolean ofCase(String operation) {
    return operation != null && OF_CASES.contains(operation);
  }
}
