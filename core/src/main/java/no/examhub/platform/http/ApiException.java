package no.examhub.platform.http;

import java.util.Map;

/**
 * What a handler throws to answer with an error: the code, a message safe to show the caller, and
 * extra response headers (such as {@code Retry-After}).
 */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;
  private final Map<String, String> headers;

  public ApiException(ErrorCode code, String message) {
    this(code, message, Map.of());
  }

  public ApiException(ErrorCode code, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.code = code;
    this.headers = headers;
  }

  public static ApiException of(ErrorCode code) {
    return new ApiException(code, code.message());
  }

  public ErrorCode code() {
    return code;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
