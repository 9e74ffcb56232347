package no.examhub.platform.http;

/**
 * The one error contract of Examhub's HTTP API. The codes reuse seed 004's table (Metrica); the
 * ones the table lacks (405, 413, 415, 429) take free numbers of the same 70xxx family.
 */
public enum ErrorCode {
  MALFORMED_REQUEST(400, "70416", "Message Not Processed: Mandatory parameter is missing or the body is malformed."),
  STALE_REQUEST(400, "70418", "Message Not Processed: The request is older than Examhub can tell from a replay."),
  INVALID_CREDENTIALS(401, "70401", "Message Not Processed: Invalid credentials or signature."),
  MISSING_CREDENTIALS(401, "70402", "Message Not Processed: Missing credentials."),
  EXPIRED_TOKEN(401, "70405", "Message Not Processed: Access token expired. Please try again with a valid token."),
  FORBIDDEN(403, "70403", "Message Not Processed: Not allowed to access requested resource."),
  NOT_FOUND(404, "70404", "Message Not Processed: Requested resource is not found."),
  METHOD_NOT_ALLOWED(405, "70406", "Message Not Processed: Method not allowed on this resource."),
  REQUEST_TIMEOUT(408, "70408", "Message Not Processed: The request body did not arrive in time."),
  BODY_TOO_LARGE(413, "70413", "Message Not Processed: Request body too large."),
  UNSUPPORTED_MEDIA_TYPE(415, "70415", "Message Not Processed: Unsupported content type."),
  RATE_LIMITED(429, "70429", "Message Not Processed: Too many requests. Please retry later."),
  BACKEND_DOWN(503, "70503", "Message Not Processed: One or more back-end is down. Please try again later."),
  BACKEND_TIMEOUT(504, "70504", "Message Not Processed: Back-end timed out. Please try again later."),
  INTERNAL(500, "60006", "Message Not Processed. There is some technical error while processing request."),
  INVALID_PATH(400, "70417", "Message Not Processed: A path or query parameter holds a value that is not allowed."),
  BACKEND_REFUSED_EXAMHUB(502, "70502",
      "Message Not Processed: The back-end refused Examhub's own credential (not yours). Please report this to support."),
  ROLE_ELSEWHERE(421, "70421",
      "Message Not Processed: This instance does not run the role that serves this resource. Send it to one that does."),
  QUEUE_LOADING(503, "70507", "Message Not Processed: The queue is loading after a restart. Please try again shortly."),
  QUEUE_FULL(503, "70509", "Message Not Processed: The queue is full. Please try again later.");

  private final int status;
  private final String code;
  private final String message;

  ErrorCode(int status, String code, String message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String message() {
    return message;
  }

  /** The code for an HTTP status raised outside our handlers (Javalin's own 404, 405, 413...). */
  public static ErrorCode forStatus(int status) {
    for (ErrorCode c : values()) {
      if (c.status == status && c != MISSING_CREDENTIALS && c != EXPIRED_TOKEN && c != BACKEND_REFUSED_EXAMHUB) {
        return c;
      }
    }
    return status >= 400 && status < 500 ? MALFORMED_REQUEST : INTERNAL;
  }
}
