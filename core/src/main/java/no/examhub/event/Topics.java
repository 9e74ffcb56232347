package no.examhub.event;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.examhub.platform.json.JsonSerde;
import no.examhub.platform.kafka.Topic;
import no.examhub.platform.streams.DeadLetter;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic Examhub reads or writes, with its serdes. Streams' own internal topics (changelogs,
 * repartitions) are named in the topologies and created by Streams.
 */
public final class Topics {
  private static final String THIRTY_DAYS = Long.toString(Duration.ofDays(30).toMillis());
  private static final Map<String, String> KEEP_30_DAYS = Map.of(TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS);
  /** Compacted topics and changelogs holding personal data compact a tombstoned value within 7 days. */
  public static final String COMPACTION_LAG = Long.toString(Duration.ofDays(7).toMillis());

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

  /**
   * Partners on the Standard Webhooks scheme, keyed {@code institution/source/webhook-id}; the
   * standard intake turns them into exam events.
   */
  public static final Topic<String, RawRequest> RAW_STANDARD = raw("standard");

  /** FS appeals (klager) from the FS poller, keyed by case ({@link CaseKeys}). */
  public static final Topic<String, FsAppeal> FS_APPEALS =
      new Topic<>("examhub.fs.appeals", Serdes.String(), JsonSerde.of(FsAppeal.class), KEEP_30_DAYS);

  /** FS explanation requests (begrunnelser) from the FS poller, keyed by case. */
  public static final Topic<String, FsExplanationRequest> FS_EXPLANATION_REQUESTS =
      new Topic<>("examhub.fs.explanation-requests", Serdes.String(), JsonSerde.of(FsExplanationRequest.class), KEEP_30_DAYS);

  /** Normalised, deduplicated exam-system events, keyed {@code institution/objectId}. */
  public static final Topic<String, ExamEvent> EXAM_EVENTS =
      new Topic<>("examhub.exam-events", Serdes.String(), JsonSerde.of(ExamEvent.class), KEEP_30_DAYS);

  /**
   * Exam events the intake deduplicated (the same event delivered again), each as received, keyed
   * like {@link #EXAM_EVENTS}: only so a case can show its repeats; no flow acts on them.
   */
  public static final Topic<String, ExamEvent> EXAM_EVENT_REPEATS =
      new Topic<>("examhub.exam-event-repeats", Serdes.String(), JsonSerde.of(ExamEvent.class), KEEP_30_DAYS);

  /** Records that could not be processed, with the reason; kept for replay. */
  public static final Topic<String, DeadLetter> DEAD_LETTERS = DeadLetter.TOPIC;

  /**
   * Candidates admitted to proctored exams, keyed {@code institution/examId/candidateId}; compacted.
   * Entries end by tombstone (re-upload without them, erasure, EXAMHUB_ROSTER_RETENTION); a
   * compaction lag of at most {@link #COMPACTION_LAG} bounds how long a replaced value stays in the log.
   */
  public static final Topic<String, RosterEntry> ROSTER = new Topic<>("examhub.roster", Serdes.String(),
      JsonSerde.of(RosterEntry.class), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
          TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, Topics.COMPACTION_LAG));

  /** Every answer to the proctoring vendor's verify_respondent, keyed {@code institution/examId}. */
  public static final Topic<String, RespondentVerification> VERIFICATIONS = new Topic<>("examhub.verifications",
      Serdes.String(), JsonSerde.of(RespondentVerification.class), KEEP_30_DAYS);

  /** Commands for the dispatch workers, one topic per partner, keyed by what they act on. */
  public static final Topic<String, Command> COMMANDS_PROVIEW = commands(Partner.PROVIEW);
  public static final Topic<String, Command> COMMANDS_FS = commands(Partner.FS);
  public static final Topic<String, Command> COMMANDS_INSPERA = commands(Partner.INSPERA);
  public static final Topic<String, Command> COMMANDS_WISEFLOW = commands(Partner.WISEFLOW);
  public static final Topic<String, Command> COMMANDS_ARCHIVE = commands(Partner.ARCHIVE);
  /** Notifications of Metrica events to the subscribed test players, keyed like the raw event. */
  public static final Topic<String, Command> COMMANDS_METRICA = commands(Partner.METRICA);

  /** Commands dispatch gave up on, with the reason; replayable by an operator. Keyed like the command. */
  public static final Topic<String, FailedCommand> COMMAND_DEAD_LETTERS = new Topic<>(
      "examhub.commands.dead-letters", Serdes.String(), JsonSerde.of(FailedCommand.class), KEEP_30_DAYS);

  /**
   * Operators' replays of dead-lettered commands, keyed like the command: they go through the case
   * they act on before they reach a command topic (flow/cases/ReplayGate).
   */
  public static final Topic<String, CommandReplay> COMMAND_REPLAYS = new Topic<>("examhub.command-replays",
      Serdes.String(), JsonSerde.of(CommandReplay.class), KEEP_30_DAYS);

  /** What became of each replay (re-emitted, or refused with the reason), keyed like the command. */
  public static final Topic<String, ReplayDecision> REPLAY_DECISIONS = new Topic<>("examhub.replay-decisions",
      Serdes.String(), JsonSerde.of(ReplayDecision.class), KEEP_30_DAYS);

  /** What became of each command, from dispatch, keyed like the command. */
  public static final Topic<String, Outcome> OUTCOMES =
      new Topic<>("examhub.outcomes", Serdes.String(), JsonSerde.of(Outcome.class), KEEP_30_DAYS);

  /** Every candidate event of an Inspera test-events export, keyed {@code institution/testId/candidateId}. */
  public static final Topic<String, CandidateEvent> CANDIDATE_EVENTS = new Topic<>(
      "examhub.candidate-events", Serdes.String(), JsonSerde.of(CandidateEvent.class), KEEP_30_DAYS);

  /** What an operator should look at (flagged high-severity candidate events, dead letters ...). */
  public static final Topic<String, Alert> ALERTS = new Topic<>("examhub.alerts", Serdes.String(), JsonSerde.of(Alert.class), KEEP_30_DAYS);

  /** Proctoring outcomes (vendor results, Proview ratings), keyed {@code institution/examId}. */
  public static final Topic<String, ProctoringResult> PROCTORING_RESULTS = new Topic<>("examhub.proctoring-results",
      Serdes.String(), JsonSerde.of(ProctoringResult.class), KEEP_30_DAYS);

  /**
   * Operators' erasure requests (candidate named only by a hash), one copy per partition so every
   * case task sees each; keyed by erasure id.
   */
  public static final Topic<String, ErasureRequest> ERASURES = new Topic<>("examhub.erasures", Serdes.String(),
      JsonSerde.of(ErasureRequest.class), KEEP_30_DAYS);

  /** Cases the case topology forgot (retention, erasure), for the correlator; keyed {@code institution/testId}. */
  public static final Topic<String, CaseForget> CASE_FORGETS = new Topic<>("examhub.case-forgets", Serdes.String(),
      JsonSerde.of(CaseForget.class), KEEP_30_DAYS);

  private Topics() {}

  public static List<Topic<?, ?>> all() {
    return List.of(RAW_INSPERA, RAW_PROCTORING, RAW_PROVIEW, RAW_METRICA, RAW_STANDARD,
        FS_APPEALS, FS_EXPLANATION_REQUESTS,
        EXAM_EVENTS, EXAM_EVENT_REPEATS, COMMANDS_PROVIEW, COMMANDS_FS, COMMANDS_INSPERA, COMMANDS_WISEFLOW,
        COMMANDS_ARCHIVE, OUTCOMES, COMMAND_DEAD_LETTERS, DEAD_LETTERS, ROSTER, VERIFICATIONS, METRICA_QUEUE_ACKS,
        retryOf(Partner.FS), retryOf(Partner.INSPERA), retryOf(Partner.WISEFLOW), retryOf(Partner.ARCHIVE),
        retryOf(Partner.PROVIEW),
        CANDIDATE_EVENTS,
        PROCTORING_RESULTS,
        COMMANDS_METRICA, retryOf(Partner.METRICA),
        ALERTS, ERASURES, CASE_FORGETS, COMMAND_REPLAYS, REPLAY_DECISIONS);
  }

  public static Topic<String, Command> commandsFor(Partner partner) {
    return switch (partner) {
      case FS -> COMMANDS_FS;
      case INSPERA -> COMMANDS_INSPERA;
      case WISEFLOW -> COMMANDS_WISEFLOW;
      case ARCHIVE -> COMMANDS_ARCHIVE;
      case PROVIEW -> COMMANDS_PROVIEW;
      case METRICA -> COMMANDS_METRICA;
    };
  }

  /**
   * Where a partner's failed commands wait for their next attempt, so a waiting retry never holds
   * up the commands behind it on the main topic.
   */
  public static Topic<String, Command> retryOf(Partner partner) {
    return new Topic<>("examhub.commands." + partner.id() + ".retry", Serdes.String(), JsonSerde.of(Command.class),
        KEEP_30_DAYS);
  }

  private static Topic<String, Command> commands(Partner partner) {
    return new Topic<>("examhub.commands." + partner.id(), Serdes.String(), JsonSerde.of(Command.class), KEEP_30_DAYS);
  }

  private static Topic<String, RawRequest> raw(String source) {
    return new Topic<>("examhub.raw." + source, Serdes.String(), JsonSerde.of(RawRequest.class), KEEP_30_DAYS);
  }
}
