package no.examhub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import no.examhub.platform.json.Json;

/**
 * One call of a CLI operator command to the running Examhub, with the operator's bearer token:
 * the answer's JSON, or null once the error contract's code and message are printed.
 */
final class OperatorCall {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String token;
  private final PrintStream out;

  OperatorCall(String baseUrl, String token, PrintStream out) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.out = out;
  }

  JsonNode call(HttpRequest.Builder request) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      out.println("cannot reach Examhub at " + baseUrl + ": " + e.getMessage());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    JsonNode body = Json.MAPPER.nullNode();
    try {
      body = Json.tree(response.body());
    } catch (RuntimeException notJson) {
      // reported below with the status
    }
    if (response.statusCode() / 100 != 2) {
      out.printf("Examhub answered %d %s: %s%n", response.statusCode(), body.path("errorCode").asText(""),
          body.path("message").asText(""));
      return null;
    }
    return body;
  }
}
