package no.examhub.flow.export;

import no.examhub.event.Command;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamSystem;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.flow.cases.Operations;
import no.examhub.partner.inspera.InsperaEvents;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.json.Json;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;

/**
 * Inspera test-events exports (seed 000): the {@code event_by_candidates_export_finished} webhook
 * becomes an {@code export-test-events} command for its test. Inspera's webhooks are thin (the
 * test id, no job id we could rely on), so the command orders, polls and downloads the export
 * itself; the operator CLI ({@code examhub export-events}) writes the same command on demand.
 *
 * <ul>
 *   <li>Inputs: {@code examhub.exam-events} (already deduplicated by the intake).
 *   <li>Outputs: {@code export-test-events} commands on {@code examhub.commands.inspera}, keyed
 *       {@code institution/testId} like the event.
 *   <li>Stores: none.
 *   <li>Guarantees: one command per webhook event (its id is in the payload, so a later webhook
 *       for the same test is a new export, not an already-done command).
 * </ul>
 */
public final class ExportTopology {
  private ExportTopology() {}

  public static void addTo(StreamsBuilder builder, ExamhubConfig config) {
    builder.stream(Topics.EXAM_EVENTS.name(), Topics.EXAM_EVENTS.consumed("export-exam-events-source"))
        .filter((k, e) -> e.examSystem() == ExamSystem.INSPERA && InsperaEvents.EXPORT_FINISHED.equals(e.event()),
            Named.as("export-finished-filter"))
        .mapValues(ExportTopology::exportCommand, Named.as("export-test-events-command"))
        .to(Topics.COMMANDS_INSPERA.name(), Topics.COMMANDS_INSPERA.produced("export-commands-sink"));
  }

  static Command exportCommand(ExamEvent e) {
    return Command.of(e.institution(), Partner.INSPERA, Operations.EXPORT_TEST_EVENTS,
        Json.MAPPER.createObjectNode().put("testId", e.objectId()).put("trigger", "webhook:" + e.eventId()),
        e.eventId(), e.receivedAt());
  }
}
