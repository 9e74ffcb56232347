package no.examhub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import no.examhub.platform.json.Json;

/**
 * {@code examhub erase INSTITUTION CANDIDATE}: erases one candidate of one institution through the
 * running Examhub's operator API (token with scope {@code erasure}), which audits it, and prints
 * the erasure's id and what it reached.
 */
public final class EraseCommand {
  static final String USAGE = "usage: examhub erase INSTITUTION CANDIDATE";

  private final String baseUrl;
  private final OperatorCall operator;
  private final PrintStream out;

  EraseCommand(String baseUrl, String token, PrintStream out) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.operator = new OperatorCall(this.baseUrl, token, out);
    this.out = out;
  }

  /** Base URL from {@code EXAMHUB_OPERATOR_URL}, token from {@code EXAMHUB_OPERATOR_TOKEN} or the demo file. */
  public static int run(List<String> args) {
    OperatorEndpoint operator = OperatorEndpoint.fromEnvironment();
    return new EraseCommand(operator.url(), operator.token(), System.out).execute(args);
  }

  int execute(List<String> args) {
    if (args.size() != 2) {
      throw new IllegalArgumentException(USAGE);
    }
    String path = "/api/institutions/" + URLEncoder.encode(args.get(0), StandardCharsets.UTF_8).replace("+", "%20")
        + "/erasures";
    JsonNode answer = operator.call(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(Map.of("candidate", args.get(1))))));
    if (answer == null) {
      return 1;
    }
    out.printf("erasure %s accepted: %s roster entries, %s audit entries, %s execution records; "
            + "the case stores forget the candidate on all %s partitions%n", answer.path("erasureId").asText(),
        answer.path("rosterEntries").asText(), answer.path("auditEntries").asText(), answer.path("executions").asText(),
        answer.path("partitions").asText());
    return 0;
  }
}
