package no.examhub.flow.notify;

import java.util.function.BiFunction;

import no.examhub.event.Command;
import no.examhub.event.Topics;
import no.examhub.event.RawRequest;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.streams.Dedup;
import no.examhub.platform.streams.NormaliseOrDeadLetter;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;

/**
 * Notifications to test players (seed 004: "Mule in turn notifies this to Jetpack and Evo test
 * player"): each Metrica event becomes ONE {@code notify-subscribers} command. Who is subscribed
 * is configuration in MongoDB, which a processor must not read; so the fan-out to the subscribers
 * happens in dispatch ({@code SubscriberNotifier}), which records each delivery and re-sends on a
 * retry only to the subscribers still missing it.
 *
 * <ul>
 *   <li>Inputs: {@code examhub.raw.metrica} (keyed {@code kind/id}).
 *   <li>Outputs: commands on {@code examhub.commands.metrica}, on the raw key (one test's events
 *       stay in order); unparseable events to {@code examhub.dead-letters}.
 *   <li>Stores: {@code metrica-notify-dedup-store}, command ids, retention the dedup window.
 *   <li>Guarantees: exactly_once_v2; one command per distinct event within the window.
 * </ul>
 */
public final class SubscriberNotifyTopology {
  public static final String DEDUP_STORE = "metrica-notify-dedup-store";

  private SubscriberNotifyTopology() {}

  /** A raw Metrica request with the key it was stored under. */
  record Arrival(String key, RawRequest raw) {}

  /**
   * @param notifyCommand a Metrica event, with the key it was stored under (which names its kind),
   *     as the one command that notifies the subscribers
   */
  public static void addTo(StreamsBuilder builder, ExamhubConfig config,
      BiFunction<String, RawRequest, Command> notifyCommand) {
    var arrivals = builder.stream(Topics.RAW_METRICA.name(), Topics.RAW_METRICA.consumed("metrica-raw-source"))
        .mapValues(Arrival::new, Named.as("metrica-arrival"));
    NormaliseOrDeadLetter.apply(arrivals, "metrica-notify", arrival -> notifyCommand.apply(arrival.key(), arrival.raw()),
            arrival -> arrival.raw().bodyText(), "metrica-notify-command-unwrap")
        .processValues(new Dedup<>(DEDUP_STORE, config.dedupRetention(), Command::commandId, "metrica-notify"),
            Named.as("metrica-notify-dedup"))
        .to(Topics.COMMANDS_METRICA.name(), Topics.COMMANDS_METRICA.produced("metrica-notify-commands-sink"));
  }
}
