package no.examhub.flow.export;

import java.time.Instant;
import no.examhub.event.Command;
import no.examhub.event.ExamEvent;
import no.examhub.event.ExamEventKinds;
import no.examhub.event.ExamSystem;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Payload;
import no.examhub.event.Result;
import no.examhub.event.Topics;
import no.examhub.flow.Sources;
import no.examhub.platform.config.ExamhubConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;

/**
 * Inspera test-events exports (seed 000) as a chain of commands: an {@code export-test-events}
 * command (from the operator CLI, {@code examhub export-events}) orders the export; its outcome
 * carries the job id and becomes a {@code download-test-events} command, which dispatch polls
 * through its retry topic until the job is done, then downloads. The {@code
 * event_by_candidates_export_finished} webhook says an export <em>has finished</em>: it becomes
 * the download command for that job, never an order (ordering on it would start the next export,
 * and so on for ever).
 *
 * <ul>
 *   <li>Inputs: {@code examhub.exam-events} (already deduplicated by the intake), {@code examhub.outcomes}.
 *   <li>Outputs: {@code download-test-events} commands on {@code examhub.commands.inspera}, keyed
 *       {@code institution/testId} like the event and the order.
 *   <li>Stores: none.
 *   <li>Guarantees: the order's and the webhook's download commands for one job carry the same
 *       payload, so they are one command id: the execution record lets only one of them download.
 * </ul>
 */
public final class ExportTopology {
  private ExportTopology() {}

  public static void addTo(StreamsBuilder builder, ExamhubConfig config) {
    builder.stream(Topics.EXAM_EVENTS.name(), Topics.EXAM_EVENTS.consumed("export-exam-events-source"))
        .filter((k, e) -> e.examSystem() == ExamSystem.INSPERA && ExamEventKinds.EXPORT_FINISHED.equals(e.event()),
            Named.as("export-finished-filter"))
        .mapValues(ExportTopology::downloadOnFinished, Named.as("export-finished-download-command"))
        .to(Topics.COMMANDS_INSPERA.name(), Topics.COMMANDS_INSPERA.produced("export-finished-commands-sink"));
    Sources.outcomes(builder)
        .filter((k, o) -> o.success() && Operations.EXPORT_TEST_EVENTS.equals(o.operation())
            && o.result(Result.ExportOrdered.class).map(Result.ExportOrdered::jobId).isPresent(),
            Named.as("export-ordered-filter"))
        .mapValues(ExportTopology::downloadOnOrdered, Named.as("export-ordered-download-command"))
        .to(Topics.COMMANDS_INSPERA.name(), Topics.COMMANDS_INSPERA.produced("export-ordered-commands-sink"));
  }

  /**
   * The webhook's test is {@code contextObjectId}; its job is assumed to be {@code
   * associatedObjectId} (the seeds say only that the event "will return" where the file is): an
   * event without one is a download without a job, dead-lettered as {@code EXPORT_JOB_UNKNOWN}.
   */
  static Command downloadOnFinished(ExamEvent e) {
    return download(e.institution(), e.objectId(), e.associatedObjectId(), e.eventId(), e.receivedAt());
  }

  static Command downloadOnOrdered(Outcome o) {
    Result.ExportOrdered ordered = o.result(Result.ExportOrdered.class).orElseThrow();
    return download(o.institution(), ordered.testId(), ordered.jobId(), o.commandId(), o.at());
  }

  /** Only the test and the job: whichever path sees the job first, the command is the same. */
  private static Command download(String institution, String testId, String jobId, String cause, Instant at) {
    return Command.of(institution, Partner.INSPERA, new Payload.DownloadTestEvents(testId, jobId), cause, at);
  }
}
