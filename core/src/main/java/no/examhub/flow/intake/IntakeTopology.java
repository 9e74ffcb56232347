package no.examhub.flow.intake;

import java.util.function.Function;

import java.time.Duration;
import no.examhub.event.ExamEvent;
import no.examhub.event.RawRequest;
import no.examhub.event.Topics;
import no.examhub.platform.streams.Dedup;
import no.examhub.platform.streams.NormaliseOrDeadLetter;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Intake: raw partner requests become normalised, deduplicated exam events.
 *
 * <ul>
 *   <li>Inputs: {@code examhub.raw.inspera} (keyed {@code institution/contextObjectId}).
 *   <li>Outputs: {@code examhub.exam-events}; the repeats the dedup drops, as received, to
 *       {@code examhub.exam-event-repeats} (a case shows them); unparseable records to
 *       {@code examhub.dead-letters}.
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

  /**
   * @param normaliser Inspera's webhook as an exam event (the partner's normaliser; a
   *     {@code Rejected} goes to the dead letters)
   */
  public static void addTo(StreamsBuilder builder, Duration dedupRetention,
      Function<RawRequest, ExamEvent> normaliser) {
    KStream<String, RawRequest> raw =
        builder.stream(Topics.RAW_INSPERA.name(), Topics.RAW_INSPERA.consumed("inspera-raw-source"));
    KStream<String, Dedup.Seen<ExamEvent>> seen = NormaliseOrDeadLetter.apply(raw, "inspera", normaliser,
            RawRequest::bodyText, "exam-event-unwrap")
        .processValues(Dedup.marking(DEDUP_STORE, dedupRetention, ExamEvent::eventId, "exam-events"),
            Named.as("exam-event-dedup"));
    firstsAndRepeats(seen, "exam-event");
  }

  /** First deliveries to {@code examhub.exam-events}; repeats to {@code examhub.exam-event-repeats}, for the case timeline. */
  static void firstsAndRepeats(KStream<String, Dedup.Seen<ExamEvent>> seen, String prefix) {
    seen.filter((k, s) -> !s.repeat(), Named.as(prefix + "-first"))
        .mapValues(Dedup.Seen::value, Named.as(prefix + "-first-value"))
        .to(Topics.EXAM_EVENTS.name(), Topics.EXAM_EVENTS.produced(prefix + "s-sink"));
    seen.filter((k, s) -> s.repeat(), Named.as(prefix + "-repeat"))
        .mapValues(Dedup.Seen::value, Named.as(prefix + "-repeat-value"))
        .to(Topics.EXAM_EVENT_REPEATS.name(), Topics.EXAM_EVENT_REPEATS.produced(prefix + "-repeats-sink"));
  }
}
