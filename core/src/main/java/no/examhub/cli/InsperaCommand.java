package no.examhub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.examhub.platform.json.Json;

/**
 * {@code examhub inspera events|subscriptions|subscribe INSTITUTION}: a client of the running
 * Examhub's operator endpoint (as {@code dead-letters}), which holds the institution's Inspera key
 * and exchanges it: {@code events} shows the tenant's {@code GET /v1/subscription/events},
 * {@code subscriptions} its {@code GET /v1/subscription}, {@code subscribe} registers Examhub's
 * webhook URL for the institution's configured event names with a fresh secret that Examhub
 * stores as the institution's Inspera webhook secret. The secret is never printed.
 */
public final class InsperaCommand {
  static final String USAGE = """
      usage: examhub inspera events INSTITUTION
             examhub inspera subscriptions INSTITUTION
             examhub inspera subscribe INSTITUTION [--public-url URL]   (default: EXAMHUB_ADVERTISED_URL of Examhub)""";

  private final String baseUrl;
  private final PrintStream out;
  private final OperatorCall operator;

  InsperaCommand(String baseUrl, String token, PrintStream out) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.out = out;
    this.operator = new OperatorCall(this.baseUrl, token, out);
  }

  public static int run(List<String> args) {
    OperatorEndpoint operator = OperatorEndpoint.fromEnvironment();
    return new InsperaCommand(operator.url(), operator.token(), System.out).execute(args);
  }

  int execute(List<String> args) {
    if (args.size() < 2 || !args.get(1).matches("[a-z0-9-]{1,40}")) {
      throw new IllegalArgumentException(USAGE);
    }
    String base = baseUrl + "/api/inspera/" + URLEncoder.encode(args.get(1), StandardCharsets.UTF_8);
    List<String> options = args.subList(2, args.size());
    return switch (args.get(0)) {
      case "events" -> none(options) ? print(call(get(base + "/events")), "events") : usage();
      case "subscriptions" -> none(options) ? print(call(get(base + "/subscriptions")), "subscriptions") : usage();
      case "subscribe" -> subscribe(base, options);
      default -> usage();
    };
  }

  private int subscribe(String base, List<String> options) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (options.size() == 2 && options.get(0).equals("--public-url")) {
      body.put("publicUrl", options.get(1));
    } else if (!options.isEmpty()) {
      return usage();
    }
    JsonNode answer = call(HttpRequest.newBuilder(URI.create(base + "/subscriptions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
    if (answer == null) {
      return 1;
    }
    out.println("webhook endpoint " + answer.path("endpoint").asText()
        + " (a new secret is stored as the institution's Inspera webhook secret; it is not shown)");
    answer.path("removed").forEach(id -> out.println("  removed    subscription " + id.asText() + " (old secret)"));
    answer.path("registered").forEach(s -> out.println("  registered subscription " + s.path("subscriptionId").asText()
        + "  " + s.path("event").asText()));
    return 0;
  }

  private int print(JsonNode answer, String what) {
    if (answer == null) {
      return 1;
    }
    if (what.equals("subscriptions")) {
      answer.path("subscriptions").forEach(s -> out.printf("%s  %s  %s  %s%n", s.path("subscriptionId").asText(),
          s.path("event").asText(), s.path("endpoint").asText(), s.path("lastModified").asText()));
      out.printf("%d subscriptions%n", answer.path("subscriptions").size());
    } else {
      JsonNode events = answer.isArray() ? answer : answer.path("events");
      events.forEach(e -> out.println(e.isTextual() ? e.asText() : e.toString()));
    }
    return 0;
  }

  private static boolean none(List<String> options) {
    return options.isEmpty();
  }

  private int usage() {
    throw new IllegalArgumentException(USAGE);
  }

  private static HttpRequest.Builder get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).GET();
  }

  private JsonNode call(HttpRequest.Builder request) {
    return operator.call(request);
  }
}
