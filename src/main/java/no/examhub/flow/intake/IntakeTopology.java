package no.examhub.flow.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import no.examhub.event.DeadLetter;
import no.examhub.event.ExamEvent;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.partner.inspera.InsperaNormaliser;
import no.examhub.platform.streams.Attempt;
import no.examhub.platform.streams.Dedup;
import no.examhub.platform.streams.Normalise;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Intake: raw partner requests become normalised, deduplicated exam events.
 *
 * <ul>
 *   <li>Inputs: {@code examhub.raw.inspera} (keyed {@code institution/contextObjectId}).
 *   <li>Outputs: {@code examhub.exam-events}; unparseable records to {@code examhub.dead-letters}.
 *   <li>Stores: {@code intake-dedup-store}, a window store of event hashes whose retention is the
 *       dedup window.
 *   <li>Guarantees: under exactly_once_v2, one exam event per distinct Inspera event however often
 *       Inspera delivers it within the window; the event keeps the raw record's key, so one test's
 *       events stay in order on one partition.
 * </ul>
 */
public final class IntakeTopology {
  public static final String DEDUP_STORE = "intake-dedup-store";

  private IntakeTopology() {}

  public static void addTo(StreamsBuilder builder, Duration dedupRetention) {
    KStream<String, Attempt<ExamEvent>> inspera = builder
        .stream(Topics.RAW_INSPERA.name(), Topics.RAW_INSPERA.consumed("inspera-raw-source"))
        .processValues(() -> new Normalise<RawRequest, ExamEvent>(
            "inspera-normalise", InsperaNormaliser::normalise, IntakeTopology::bodyText),
            Named.as("inspera-normalise"));
    inspera.split(Named.as("inspera-normalise-outcome-"))
        .branch((key, attempt) -> attempt.failed(),
            Branched.withConsumer(IntakeTopology::toDeadLetters, "rejected"))
        .defaultBranch(Branched.withConsumer(events -> deduplicate(events, dedupRetention), "normalised"));
  }

  private static void deduplicate(KStream<String, Attempt<ExamEvent>> events, Duration retention) {
    events.mapValues(Attempt::value, Named.as("exam-event-unwrap"))
        .processValues(new Dedup<>(DEDUP_STORE, retention, ExamEvent::eventId, "exam-events"),
            Named.as("exam-event-dedup"))
        .to(Topics.EXAM_EVENTS.name(), Topics.EXAM_EVENTS.produced("exam-events-sink"));
  }

  private static void toDeadLetters(KStream<String, Attempt<ExamEvent>> rejected) {
    KStream<String, DeadLetter> letters = rejected.mapValues(Attempt::deadLetter, Named.as("inspera-dead-letter"));
    letters.to(Topics.DEAD_LETTERS.name(), Topics.DEAD_LETTERS.produced("inspera-dead-letter-sink"));
  }

  private static String bodyText(RawRequest raw) {
    return raw.body() == null ? null : new String(raw.body(), StandardCharsets.UTF_8);
  }
}
