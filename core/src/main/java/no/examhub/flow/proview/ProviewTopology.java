package no.examhub.flow.proview;

import java.util.function.Function;

import no.examhub.event.Command;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.streams.Dedup;
import no.examhub.platform.streams.NormaliseOrDeadLetter;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Proview: a termination callback becomes one command to fetch the session (and its rating) from
 * Proview; carrying it out is the Proview dispatch worker's job, not the topology's.
 *
 * <ul>
 *   <li>Inputs: {@code examhub.raw.proview} (keyed {@code institution/session_uuid}).
 *   <li>Outputs: {@code fetch-session} commands on {@code examhub.commands.proview}, on the raw
 *       record's key; unparseable callbacks to {@code examhub.dead-letters}.
 *   <li>Stores: {@code proview-command-dedup-store}, command ids, retention the dedup window.
 *   <li>Guarantees: under exactly_once_v2, one command per session however often Proview calls
 *       back within the window (the command id hashes institution and session ids).
 * </ul>
 */
public final class ProviewTopology {
  public static final String DEDUP_STORE = "proview-command-dedup-store";

  private ProviewTopology() {}

  /** @param fetchCommand a Proview callback as the command that fetches its session */
  public static void addTo(StreamsBuilder builder, ExamhubConfig config, Function<RawRequest, Command> fetchCommand) {
    KStream<String, RawRequest> raw =
        builder.stream(Topics.RAW_PROVIEW.name(), Topics.RAW_PROVIEW.consumed("proview-raw-source"));
    NormaliseOrDeadLetter.apply(raw, "proview", fetchCommand, RawRequest::bodyText,
            "proview-command-unwrap")
        .processValues(new Dedup<>(DEDUP_STORE, config.dedupRetention(), Command::commandId, "proview-commands"),
            Named.as("proview-command-dedup"))
        .to(Topics.COMMANDS_PROVIEW.name(), Topics.COMMANDS_PROVIEW.produced("proview-commands-sink"));
  }
}
