package no.examhub.partner.metrica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHandler;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
import no.examhub.event.Result;
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
  public Result execute(Command command) throws PartnerFailure {
    if (!(command.payload() instanceof Payload.NotifySubscribers notify)) {
      throw PartnerFailure.permanent("UNKNOWN_OPERATION", "cannot " + command.operation());
    }
    String kind = notify.kind();
    byte[] body = Json.bytes(webhookBody(command, notify));
    List<String> delivered = new ArrayList<>();
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
    return new Result.Delivered(delivered);
  }

  /** The same bytes on every attempt: type, the event's receive time, and the event as Metrica sent it. */
  static JsonNode webhookBody(Command command, Payload.NotifySubscribers notify) {
    ObjectNode body = Json.MAPPER.createObjectNode()
        .put("type", "metrica." + notify.kind())
        .put("timestamp", command.createdAt() == null ? null : command.createdAt().toString());
    body.set("data", notify.event());
    return body;
  }
}
