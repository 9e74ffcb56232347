package no.examhub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.examhub.platform.json.Json;

/**
 * {@code examhub dead-letters list|replay}: a client of the running Examhub's operator endpoint,
 * not of Kafka, so every replay is claimed and audited in one place, with the operator's token.
 */
public final class DeadLettersCommand {
  static final String USAGE = """
      usage: examhub dead-letters list [--partner P] [--institution I] [--operation O] [--error-code C] [--limit N]
             examhub dead-letters replay (--id ID ... | --partner P [--institution I] [--operation O] [--error-code C] | --all) [--force]""";
  private static final Map<String, String> FILTERS = Map.of("--partner", "partner", "--institution", "institution",
      "--operation", "operation", "--error-code", "errorCode");

  private final String baseUrl;
  private final PrintStream out;
  private final OperatorCall operator;

  DeadLettersCommand(String baseUrl, String token, PrintStream out) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.out = out;
    this.operator = new OperatorCall(this.baseUrl, token, out);
  }

  /** Base URL from {@code EXAMHUB_OPERATOR_URL}, token from {@code EXAMHUB_OPERATOR_TOKEN} or the demo file. */
  public static int run(List<String> args) {
    OperatorEndpoint operator = OperatorEndpoint.fromEnvironment();
    return new DeadLettersCommand(operator.url(), operator.token(), System.out).execute(args);
  }

  int execute(List<String> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException(USAGE);
    }
    List<String> options = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "list" -> list(options);
      case "replay" -> replay(options);
      default -> throw new IllegalArgumentException(USAGE);
    };
  }

  private int list(List<String> options) {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < options.size(); i++) {
      String name = options.get(i).equals("--limit") ? "limit" : FILTERS.get(options.get(i));
      if (name == null || i + 1 >= options.size()) {
        throw new IllegalArgumentException(USAGE);
      }
      query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
          .append(URLEncoder.encode(options.get(++i), StandardCharsets.UTF_8));
    }
    JsonNode answer = call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/dead-letters" + query)).GET());
    if (answer == null) {
      return 1;
    }
    for (JsonNode d : answer.path("deadLetters")) {
      JsonNode f = d.path("failed");
      JsonNode c = f.path("command");
      out.printf("%s  %s/%s  %s  error %s  attempts %s  failed %s%s  command %s%n  %s%n", d.path("id").asText(),
          c.path("partner").asText().toLowerCase(), c.path("operation").asText(), c.path("institution").asText(),
          f.path("errorCode").asText(), f.path("attempts").asText(), f.path("failedAt").asText(),
          d.path("replayed").asBoolean() ? "  (replayed)" : "", c.path("commandId").asText(), f.path("reason").asText());
    }
    out.printf("%d of %d dead letters%n", answer.path("count").asInt(), answer.path("total").asInt());
    String completeness = answer.path("completeness").asText("complete");
    if (!"complete".equals(completeness)) {
      out.printf("not the whole list: %s (ask again shortly)%n", completeness);
    }
    answer.path("droppedOverBound").properties().forEach(e -> out.printf(
        "truncated: %s older dead letters of %s are not held (EXAMHUB_DEAD_LETTER_INDEX_MAX)%n", e.getValue().asText(), e.getKey()));
    return 0;
  }

  private int replay(List<String> options) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode ids = Json.MAPPER.createArrayNode();
    for (int i = 0; i < options.size(); i++) {
      String option = options.get(i);
      if (option.equals("--all") || option.equals("--force")) {
        body.put(option.substring(2), true);
      } else if (option.equals("--id") && i + 1 < options.size()) {
        ids.add(options.get(++i));
      } else if (FILTERS.containsKey(option) && i + 1 < options.size()) {
        body.put(FILTERS.get(option), options.get(++i));
      } else {
        throw new IllegalArgumentException(USAGE);
      }
    }
    if (!ids.isEmpty()) {
      body.set("ids", ids);
    }
    JsonNode answer = call(HttpRequest.newBuilder(URI.create(baseUrl + "/api/dead-letters/replay"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
    if (answer == null) {
      return 1;
    }
    out.printf("replayed %d%n", answer.path("replayed").asInt());
    answer.path("replayedIds").forEach(id -> out.println("  replayed  " + id.asText()));
    answer.path("skipped").forEach(id -> out.println("  skipped   " + id.asText() + " (replayed before; --force replays again)"));
    answer.path("notFound").forEach(id -> out.println("  not found " + id.asText()));
    answer.path("refused").forEach(r -> out.println("  refused   " + r.path("id").asText() + " ("
        + r.path("operation").asText() + "): " + r.path("reason").asText()));
    answer.path("pending").forEach(id -> out.println("  pending   " + id.asText()
        + " (not decided by its case yet; `dead-letters list` shows it once it is)"));
    return 0;
  }

  private JsonNode call(HttpRequest.Builder request) {
    return operator.call(request);
  }

  static String demoToken(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("set EXAMHUB_OPERATOR_TOKEN (no " + file + " to take the demo token from)");
    }
    try {
      return Json.MAPPER.readTree(file.toFile()).path("operator").path("token").asText();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
