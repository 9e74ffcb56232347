package no.examhub.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.partner.proview.ProviewHandler;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;

/**
 * Commands that a scripted partner fails, for specs of dead letters, alerts and replay. Proview is
 * the partner with a worker and a scriptable simulator; any institution name will do, so each spec
 * keeps to its own and can tell its dead letters from everyone else's.
 */
public final class DeadLetterFixtures {
  private DeadLetterFixtures() {}

  /** Makes the next {@code count} Proview calls fail with {@code status}, then sends {@code count} commands. */
  public static List<Command> failingFetches(TestHub hub, String institution, int count, int status) {
    hub.hub().simulators().orElseThrow().proview().script().failNext(count, status);
    List<Command> sent = new ArrayList<>();
    try (DurableProducer producer = new DurableProducer(hub.hub().bootstrapServers(), "dead-letter-fixture", 5000,
        new SimpleMeterRegistry())) {
      for (int i = 0; i < count; i++) {
        String uuid = UUID.randomUUID().toString();
        Command c = Command.of(institution, Partner.PROVIEW, ProviewHandler.FETCH_SESSION,
            Json.MAPPER.valueToTree(Map.of("sessionUuid", uuid, "externalId", "5506693")), "test", Instant.now());
        producer.send(Topics.COMMANDS_PROVIEW, institution + "/" + uuid, c).get();
        sent.add(c);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot send commands", e);
    }
    return sent;
  }

  /** Waits for the dead letters of an institution. */
  public static List<FailedCommand> deadLettersOf(TestHub hub, String institution, int expected) {
    return TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.COMMAND_DEAD_LETTERS,
        f -> institution.equals(f.command().institution()), expected, Duration.ofSeconds(30));
  }
}
