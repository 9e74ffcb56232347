package no.examhub.partner.metrica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import com.mongodb.client.MongoDatabase;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.partner.standard.StandardWebhookSender;
import no.examhub.platform.json.Json;

/**
 * Carries out {@code notify-subscribers}: POSTs the Metrica event to every test player subscribed
 * to its kind, as a Standard Webhooks v1 webhook signed with that subscriber's secret.
 *
 * <p>Why the fan-out is here and not in the topology: the subscribers are configuration in MongoDB,
 * and a Streams processor must not read it. So the topology emits one command per event, and this
 * handler fans out, recording each subscriber's delivery ({@code webhook_deliveries},
 * {@code commandId/subscriber}). When any subscriber failed, the command fails (retryable if any
 * failure is) and dispatch retries it; the retry skips the subscribers already served. After the
 * attempt limit the command is dead-lettered naming the subscribers that never got it, while the
 * others have theirs. The webhook id, {@code commandId/subscriber}, is stable across retries, so a
 * test player can drop a repeat.
 */
public final class SubscriberNotifier implements PartnerHandler {
  private final WebhookSubscribers subscribers;
  private final WebhookDeliveries deliveries;
  private final StandardWebhookSender sender;
  private final Clock clock;

  public SubscriberNotifier(WebhookSubscribers subscribers, MongoDatabase database, StandardWebhookSender sender,
      Clock clock) {
    this.subscribers = subscribers;
    this.deliveries = new WebhookDeliveries(database);
    this.sender = sender;
    this.clock = clock;
  }

  @Override
  public Partner partner() {
    return Partner.METRICA;
  }

  @Override
  public JsonNode execute(Command command) throws PartnerFailure {
    if (!MetricaNotifications.NOTIFY_SUBSCRIBERS.equals(command.operation())) {
      throw PartnerFailure.permanent("UNKNOWN_OPERATION", "cannot " + command.operation());
    }
    String kind = command.payload().path("kind").asText();
    byte[] body = Json.bytes(webhookBody(command, kind));
    ArrayNode delivered = Json.MAPPER.createArrayNode();
    List<String> failed = new ArrayList<>();
    PartnerFailure worst = null;
    for (WebhookSubscriber s : subscribers.wanting(kind)) {
      String deliveryId = command.commandId() + "/" + s.name();
      try {
        if (!deliveries.delivered(deliveryId)) {
          sender.send(s.url(), deliveryId, s.secret(), body);
          deliveries.record(deliveryId, s.name(), clock.instant());
        }
        delivered.add(s.name());
      } catch (PartnerFailure f) {
        failed.add(s.name() + ": " + f.code());
        worst = worst == null || f.retryable() ? f : worst;
      }
    }
    if (worst != null) {
      throw new PartnerFailure(worst.code(), "not delivered to " + String.join(", ", failed), worst.retryable(),
          worst.retryAfter());
    }
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.set("delivered", delivered);
    return result;
  }

  /** The same bytes on every attempt: type, the event's receive time, and the event as Metrica sent it. */
  static JsonNode webhookBody(Command command, String kind) {
    ObjectNode body = Json.MAPPER.createObjectNode()
        .put("type", "metrica." + kind)
        .put("timestamp", command.createdAt() == null ? null : command.createdAt().toString());
    body.set("data", command.payload().get("event"));
    return body;
  }
}
