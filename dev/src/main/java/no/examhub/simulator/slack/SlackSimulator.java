package no.examhub.simulator.slack;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.json.Json;

/**
 * A Slack incoming webhook under {@code /slack}: {@code POST /slack/webhook} takes
 * {@code {"text": ...}} and answers {@code ok} as Slack does; {@code GET /slack/messages} lists
 * what was posted, so the demo and tests can see the alerts that would have reached the channel.
 */
public final class SlackSimulator implements HttpRoutes {
  public static final String WEBHOOK_PATH = "/slack/webhook";

  /** One message the channel got. */
  public record Message(String text, Instant receivedAt) {}

  private final List<Message> messages = new ArrayList<>();

  @Override
  public void register(RoutesConfig routes) {
    routes.post(WEBHOOK_PATH, this::post);
    routes.get("/slack/messages", ctx -> ctx.json(Map.of("messages", messages())));
  }

  private void post(Context ctx) {
    com.fasterxml.jackson.databind.JsonNode body;
    try {
      body = Json.tree(ctx.bodyAsBytes());
    } catch (RuntimeException notJson) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "a Slack message is JSON");
    }
    if (body == null || !body.hasNonNull("text")) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "a Slack message needs text");
    }
    synchronized (this) {
      messages.add(new Message(body.get("text").asText(), Instant.now()));
    }
    ctx.contentType("text/plain").result("ok");
  }

  public synchronized List<Message> messages() {
    return List.copyOf(messages);
  }
}
