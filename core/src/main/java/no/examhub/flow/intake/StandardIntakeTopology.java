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
 * Intake of Standard Webhooks: each source's webhooks become exam events by its institution's
 * mapping ({@code partners.standard.<source>}).
 *
 * <ul>
 *   <li>Inputs: {@code examhub.raw.standard} (keyed {@code institution/source/webhook-id}).
 *   <li>Outputs: {@code examhub.exam-events}, keyed {@code institution/objectId} like Inspera's
 *       (repeats to {@code examhub.exam-event-repeats}, as {@link IntakeTopology});
 *       records the mapping cannot place (no mapping, an unmapped event type, no object id, bad
 *       JSON) to {@code examhub.dead-letters} with their reason, counted in
 *       {@code examhub_intake_dead_letters_total{stage="standard-normalise"}}.
 *   <li>Stores: {@code standard-dedup-store}, a window store of event ids (one per
 *       institution/source/webhook-id) whose retention is the dedup window.
 *   <li>Guarantees: under exactly_once_v2, one exam event per webhook-id however often the sender
 *       delivers it within the window. Deduplication runs on the raw key, where all deliveries of
 *       one webhook-id meet; only then is the event re-keyed by its object, so no repartition.
 * </ul>
 */
public final class StandardIntakeTopology {
  public static final String DEDUP_STORE = "standard-dedup-store";

  private StandardIntakeTopology() {}

  /** @param normaliser a Standard Webhooks request as an exam event, by its source's mapping */
  public static void addTo(StreamsBuilder builder, Duration dedupRetention,
      Function<RawRequest, ExamEvent> normaliser) {
    KStream<String, RawRequest> raw =
        builder.stream(Topics.RAW_STANDARD.name(), Topics.RAW_STANDARD.consumed("standard-raw-source"));
    KStream<String, Dedup.Seen<ExamEvent>> seen = NormaliseOrDeadLetter.apply(raw, "standard", normaliser,
            RawRequest::bodyText, "standard-exam-event-unwrap")
        .processValues(Dedup.marking(DEDUP_STORE, dedupRetention, ExamEvent::eventId, "standard-exam-events"),
            Named.as("standard-exam-event-dedup"))
        .selectKey((key, s) -> s.value().institution() + "/" + s.value().objectId(), Named.as("standard-exam-event-key"));
    IntakeTopology.firstsAndRepeats(seen, "standard-exam-event");
  }
}
