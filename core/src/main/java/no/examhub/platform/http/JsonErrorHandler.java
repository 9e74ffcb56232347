package no.examhub.platform.http;

import java.nio.ByteBuffer;
import java.util.UUID;
import no.examhub.platform.json.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty rejects some requests before Javalin sees them (a CR in a header, headers too large, an
 * invalid Content-Length); without this they would get Jetty's HTML page instead of the error
 * contract. Jetty's status is kept; the body is the contract's JSON, never a stack trace. Jetty
 * also answers here the requests that arrive while the server stops (503).
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int status, String message,
      Throwable cause, Callback callback) {
    ErrorCode code = ErrorCode.forStatus(status);
    String id = UUID.randomUUID().toString();
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(RequestIds.HEADER, id);
    if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
      // Jetty's own 503 is a stopping server (GracefulHandler): another instance, or this one
      // restarted, will take the request at once.
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
    }
    byte[] body = Json.bytes(new ErrorBody(code.code(), code.message(), id));
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
