package no.examhub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code examhub doctor INSTITUTION}: the console's "check connection", asked of the running
 * Examhub ({@code POST /api/institutions/{name}/connection-check}): FS, and Inspera's token
 * exchange or a cheap WISEflow call, each in plain words. Exits 1 when any check fails.
 */
public final class DoctorCommand {
  static final String USAGE = "usage: examhub doctor INSTITUTION";

  private final String baseUrl;
  private final OperatorCall call;
  private final PrintStream out;

  DoctorCommand(String baseUrl, String token, PrintStream out) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.call = new OperatorCall(this.baseUrl, token, out);
    this.out = out;
  }

  public static int run(List<String> args) {
    OperatorEndpoint operator = OperatorEndpoint.fromEnvironment();
    return new DoctorCommand(operator.url(), operator.token(), System.out).execute(args);
  }

  int execute(List<String> args) {
    if (args.size() != 1) {
      throw new IllegalArgumentException(USAGE);
    }
    String name = URLEncoder.encode(args.get(0), StandardCharsets.UTF_8).replace("+", "%20");
    JsonNode answer = call.call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/institutions/" + name
        + "/connection-check")).POST(HttpRequest.BodyPublishers.noBody()));
    if (answer == null) {
      return 1;
    }
    for (JsonNode check : answer.path("checks")) {
      out.println((check.path("ok").asBoolean() ? "ok    " : "FAIL  ") + check.path("words").asText());
    }
    return answer.path("ok").asBoolean() ? 0 : 1;
  }
}
