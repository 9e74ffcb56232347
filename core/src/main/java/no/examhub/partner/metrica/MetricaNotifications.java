package no.examhub.partner.metrica;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Set;
import no.examhub.event.Command;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
import no.examhub.event.RawRequest;
import no.examhub.platform.json.Json;
import no.examhub.platform.streams.Rejected;

/**
 * Turns a Metrica event (seed 004: a test published, results or feedback available) into the one
 * command that tells the subscribed test players about it. The kind comes from the raw record's
 * key ({@code kind/id}, see {@link MetricaEventRoutes}); the event is passed on whole, as Mule did.
 * The command id hashes the kind and the event, so Metrica resending an event is one command.
 */
public final class MetricaNotifications {
  static final Set<String> KINDS = Set.of(MetricaEventRoutes.TESTS, MetricaEventRoutes.RESULTS,
      MetricaEventRoutes.FEEDBACK);

  private MetricaNotifications() {}

  /** @param key the key the raw request was stored under ({@code kind/id}), which names its kind */
  public static Command notifyCommand(String key, RawRequest raw) {
    String kind = kindOf(key);
    JsonNode event = parse(raw.body());
    return Command.of(raw.institution(), Partner.METRICA, new Payload.NotifySubscribers(kind, event),
        raw.requestId(), raw.receivedAt());
  }

  private static String kindOf(String key) {
    int slash = key == null ? -1 : key.indexOf('/');
    String kind = slash < 0 ? null : key.substring(0, slash);
    if (kind == null || !KINDS.contains(kind)) {
      throw new Rejected("UNKNOWN_KIND", "the key names no Metrica event kind");
    }
    return kind;
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode node = body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw new Rejected("MALFORMED_JSON", "not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new Rejected("MALFORMED_JSON", "not JSON: " + e.getClass().getSimpleName());
    }
  }
}
