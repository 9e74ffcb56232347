package no.examhub.event;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.examhub.platform.json.JsonSerde;
import no.examhub.platform.kafka.Topic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic Examhub reads or writes, with its serdes. Streams' own internal topics (changelogs,
 * repartitions) are named in the topologies and created by Streams.
 */
public final class Topics {
  private static final String THIRTY_DAYS = Long.toString(Duration.ofDays(30).toMillis());
  private static final Map<String, String> KEEP_30_DAYS = Map.of(TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS);

  /** Inspera webhooks as received, keyed {@code institution/contextObjectId}. */
  public static final Topic<String, RawRequest> RAW_INSPERA = raw("inspera");

  /** The proctoring vendor's (ExamJoint) asynchronous events, keyed {@code institution/exam_id}. */
  public static final Topic<String, RawRequest> RAW_PROCTORING = raw("proctoring");

  /** Talview Proview termination callbacks, keyed {@code institution/session_uuid}. */
  public static final Topic<String, RawRequest> RAW_PROVIEW = raw("proview");

  /** Metrica's test-published, results and feedback events, keyed by Metrica's own id. */
  public static final Topic<String, RawRequest> RAW_METRICA = raw("metrica");

  /**
   * Acknowledgements of Metrica's results-event queue, keyed by messageId. Compacted, and deleted
   * after the raw topic's retention: an acknowledgement is only needed while its event exists.
   */
  public static final Topic<String, MetricaQueueAck> METRICA_QUEUE_ACKS = new Topic<>("examhub.metrica.queue-acks",
      Serdes.String(), JsonSerde.of(MetricaQueueAck.class), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
          "compact,delete", TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS));

  /** Partners on the Standard Webhooks scheme, keyed {@code institution/source/webhook-id}. */
  public static final Topic<String, RawRequest> RAW_STANDARD = raw("standard");

  /** Normalised, deduplicated exam-system events, keyed {@code institution/objectId}. */
  public static final Topic<String, ExamEvent> EXAM_EVENTS =
      new Topic<>("examhub.exam-events", Serdes.String(), JsonSerde.of(ExamEvent.class), KEEP_30_DAYS);

  /** Records that could not be processed, with the reason; kept for replay. */
  public static final Topic<String, DeadLetter> DEAD_LETTERS =
      new Topic<>("examhub.dead-letters", Serdes.String(), JsonSerde.of(DeadLetter.class), KEEP_30_DAYS);

  /** Commands for the dispatch workers, one topic per partner, keyed by what they act on. */
  public static final Topic<String, Command> COMMANDS_PROVIEW = commands(Partner.PROVIEW);

  private Topics() {}

  public static List<Topic<?, ?>> all() {
    return List.of(RAW_INSPERA, RAW_PROCTORING, RAW_PROVIEW, RAW_METRICA, RAW_STANDARD,
        EXAM_EVENTS, COMMANDS_PROVIEW, DEAD_LETTERS,
        METRICA_QUEUE_ACKS);
  }

  private static Topic<String, Command> commands(Partner partner) {
    return new Topic<>("examhub.commands." + partner.id(), Serdes.String(), JsonSerde.of(Command.class), KEEP_30_DAYS);
  }

  private static Topic<String, RawRequest> raw(String source) {
    return new Topic<>("examhub.raw." + source, Serdes.String(), JsonSerde.of(RawRequest.class), KEEP_30_DAYS);
  }
}
