package no.examhub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import no.examhub.platform.json.Json;

/**
 * {@code examhub case INSTITUTION VURD_ID KANDIDATNR}: where a candidate's case is, asked of the
 * running Examhub's operator API (which finds the instance that holds it), with the operator's token.
 */
public final class CaseCommand {
  static final String USAGE = "usage: examhub case INSTITUTION VURD_ID KANDIDATNR";

  private final String baseUrl;
  private final String token;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  CaseCommand(String baseUrl, String token, PrintStream out) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.token = token;
    this.out = out;
  }

  /** Base URL from {@code EXAMHUB_OPERATOR_URL}, token from {@code EXAMHUB_OPERATOR_TOKEN} or the demo file. */
  public static int run(List<String> args) {
    OperatorEndpoint operator = OperatorEndpoint.fromEnvironment();
    return new CaseCommand(operator.url(), operator.token(), System.out).execute(args);
  }

  int execute(List<String> args) {
    if (args.size() != 3) {
      throw new IllegalArgumentException(USAGE);
    }
    StringBuilder path = new StringBuilder("/api/cases");
    args.forEach(a -> path.append('/').append(URLEncoder.encode(a, StandardCharsets.UTF_8).replace("+", "%20")));
    HttpResponse<byte[]> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      out.println("cannot reach Examhub at " + baseUrl + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    JsonNode body = Json.MAPPER.nullNode();
    try {
      body = Json.tree(response.body());
    } catch (RuntimeException notJson) {
      // reported below with the status
    }
    if (response.statusCode() != 200) {
      out.printf("Examhub answered %d %s: %s%n", response.statusCode(), body.path("errorCode").asText(""),
          body.path("message").asText(""));
      return 1;
    }
    out.println(body.toPrettyString());
    response.headers().firstValue("X-Examhub-Served-By").ifPresent(by -> out.println("(served by " + by + ")"));
    return 0;
  }
}
