package no.examhub.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.testing.Wire;

/**
 * Commands written straight to a partner's command topic, as the topology would, and what
 * dispatch made of them. Every command carries a fresh {@code testRun} field, so its id is new to
 * the shared broker and no earlier hub's outcome is mistaken for its own.
 */
public final class Commands {
  private static final Duration WITHIN = Duration.ofSeconds(30);

  private Commands() {}

  /** A command for the demo institution; {@code namesAndValues} alternate field names and values. */
  public static Command of(Partner partner, String operation, Object... namesAndValues) {
    return forInstitution("demo", partner, operation, namesAndValues);
  }

  public static Command forInstitution(String institution, Partner partner, String operation, Object... namesAndValues) {
    LinkedHashMap<String, Object> payload = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      payload.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    payload.put("testRun", UUID.randomUUID().toString());
    return Wire.command(institution, partner, operation, Json.MAPPER.valueToTree(payload), "test", Instant.now());
  }

  /** Writes the command to its partner's topic, keyed like a case, and waits for the broker's ack. */
  public static Command send(TestHub hub, Command c) {
    try (DurableProducer producer = new DurableProducer(hub.hub().bootstrapServers(), "commands-test", 5000,
        new SimpleMeterRegistry())) {
      producer.send(Topics.commandsFor(c.partner()), c.institution() + "/" + c.commandId(), c).get();
      return c;
    } catch (Exception e) {
      throw new IllegalStateException("cannot write the command", e);
    }
  }

  /** The command's one outcome; fails when none comes. */
  public static Outcome outcomeOf(TestHub hub, Command c) {
    List<Outcome> found = outcomesOf(hub, c, 1);
    if (found.isEmpty()) {
      throw new AssertionError("no outcome of " + c.operation() + " within " + WITHIN);
    }
    return found.get(0);
  }

  public static List<Outcome> outcomesOf(TestHub hub, Command c, int expected) {
    return TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.OUTCOMES,
        o -> o.commandId().equals(c.commandId()), expected, WITHIN);
  }

  public static List<FailedCommand> deadLettersOf(TestHub hub, Command c) {
    return TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.COMMAND_DEAD_LETTERS,
        f -> f.command().commandId().equals(c.commandId()), 1, WITHIN);
  }
}
