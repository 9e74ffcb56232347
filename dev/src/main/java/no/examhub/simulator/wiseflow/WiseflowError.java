package no.examhub.simulator.wiseflow;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal in WISEflow's error shape (OpenAPI 1.34.0, {@code general-api-error-response}):
 * {@code {"success": false, "error": {"code", "message", "errors": [{"reason", "message"}]}}}.
 * {@code data} is left out: the schema types it as an object, and WISEflow's example null would not
 * be one.
 */
final class WiseflowError extends RuntimeException {
  private final int status;
  private final String reason;

  WiseflowError(int status, String reason, String message) {
    super(message, null, false, false);
    this.status = status;
    this.reason = reason;
  }

  static WiseflowError badRequest(String message) {
    return new WiseflowError(400, "invalid_request", message);
  }

  static WiseflowError notFound(String message) {
    return new WiseflowError(404, "not_found", message);
  }

  static WiseflowError unauthorized(String message) {
    return new WiseflowError(401, "unauthorized", message);
  }

  void write(Context ctx) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", status);
    error.put("message", getMessage());
    error.put("errors", List.of(Map.of("reason", reason, "message", getMessage())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", error);
    ctx.status(status).json(body);
  }
}
