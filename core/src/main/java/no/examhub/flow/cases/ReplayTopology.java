package no.examhub.flow.cases;

import no.examhub.event.Command;
import no.examhub.event.ReplayDecision;
import no.examhub.event.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * Replays of dead-lettered commands.
 *
 * <ul>
 *   <li>Input: {@code examhub.command-replays} (from the operator's replay route), keyed like the command.
 *   <li>Outputs: every decision on {@code examhub.replay-decisions}, which the route waits for; a
 *       command the case still wants on its partner's command topic, unchanged (same id, so the
 *       execution record still keeps it from being carried out twice).
 *   <li>Stores: reads {@code case-store} (the case processor's), so it runs in the case processor's tasks.
 *   <li>Guarantees: exactly_once_v2; the decision and the re-emitted command are written together.
 * </ul>
 */
public final class ReplayTopology {
  private ReplayTopology() {}

  /** After {@link CaseTopology#addTo}, which adds the store it reads. */
  public static void addTo(StreamsBuilder builder) {
    KStream<String, ReplayDecision> decisions = builder
        .stream(Topics.COMMAND_REPLAYS.name(), Topics.COMMAND_REPLAYS.consumed("command-replays-source"))
        .process(ReplayGate::new, Named.as("replay-gate"), CaseProcessor.STORE);
    decisions.to(Topics.REPLAY_DECISIONS.name(), Topics.REPLAY_DECISIONS.produced("replay-decisions-sink"));
    decisions.filter((k, d) -> !d.refused(), Named.as("replay-wanted"))
        .mapValues(ReplayDecision::command, Named.as("replay-command"))
        .to(new ByPartner(),
            Produced.<String, Command>with(Topics.COMMANDS_FS.keySerde(), Topics.COMMANDS_FS.valueSerde())
                .withName("replay-commands-sink"));
  }

  /** Each command back to its own partner's command topic; named, so the topology map is stable. */
  private static final class ByPartner implements TopicNameExtractor<String, Command> {
    @Override
    public String extract(String key, Command c, RecordContext context) {
      return Topics.commandsFor(c.partner()).name();
    }

    @Override
    public String toString() {
      return "examhub.commands.<partner>";
    }
  }
}
