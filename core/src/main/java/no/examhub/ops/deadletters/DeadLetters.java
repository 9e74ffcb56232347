package no.examhub.ops.deadletters;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import no.examhub.access.ApiClient;
import no.examhub.event.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.ReadinessCheck;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.platform.process.SupervisedLoop;

/**
 * What an operator may do with dead letters, whichever interface asks (the operator API, the
 * console): list, open one, replay by ids or by filter. Another institution's dead letter is, to
 * an operator scoped to some institutions, no dead letter: not listed, not found, not replayed by
 * a filter or all, and an id of one is reported under {@code notFound} like a wrong id.
 *
 * <p>Requests read this instance's {@link DeadLetterIndex}, which one supervised loop
 * ({@code dead-letter-index}, {@link DeadLetterFeed}) keeps up with the topic. Each request first
 * asks the broker where the topic ends now and waits (at most {@link #CURRENT_WAIT}) for the index
 * to get there, so a dead letter written before the request is in its answer; an answer that
 * could not be made whole says so ({@link Completeness}), never silently.
 */
public final class DeadLetters implements AutoCloseable {
  /** A current index is there at once; a busy one within a poll. Longer: the answer says it is catching up. */
  static final Duration CURRENT_WAIT = Duration.ofSeconds(2);

  private final DeadLetterIndex index;
  private final Supplier<Optional<Map<Integer, Long>>> ends;
  private final SupervisedLoop feed;
  private final AutoCloseable resources;
  private final Replays replays;
  private final DeadLetterReplay replay;

  DeadLetters(DeadLetterIndex index, Supplier<Optional<Map<Integer, Long>>> ends, SupervisedLoop feed,
      AutoCloseable resources, Replays replays, DeadLetterReplay replay) {
    this.index = index;
    this.ends = ends;
    this.feed = feed;
    this.resources = resources;
    this.replays = replays;
    this.replay = replay;
  }

  /**
   * Starts the index's feed (in the background: this returns at once) and wires the replays.
   *
   * @param environment the environment's name, kept in the audit
   * @param ackTimeout how long a replay waits for the broker's acknowledgement
   * @param maxPerInstitution the index's bound per institution ({@code EXAMHUB_DEAD_LETTER_INDEX_MAX})
   */
  public static DeadLetters of(String bootstrapServers, MongoDatabase database, DurableProducer producer,
      String environment, Duration ackTimeout, int maxPerInstitution, MeterRegistry registry, Clock clock) {
    String topic = Topics.COMMAND_DEAD_LETTERS.name();
    Replays replays = new Replays(database);
    return of(new Feeding(bootstrapServers, topic, () -> DeadLetterFeed.consumer(bootstrapServers), DeadLetterFeed.HOUSEKEEPING),
        maxPerInstitution, replays, new DeadLetterReplay(producer, replays, new ReplayAudit(database, environment),
            () -> new ReplayDecisions(bootstrapServers), ackTimeout, clock), registry, clock);
  }

  /** Where the index is fed from: the topic, the consumer of each run, how often housekeeping runs. */
  record Feeding(String bootstrapServers, String topic, Supplier<Consumer<String, byte[]>> consumers,
      Duration housekeeping) {}

  /** Starts the feed of a new index; the index, its feed and the end offsets' client close with the answer. */
  static DeadLetters of(Feeding feeding, int maxPerInstitution, Replays replays, DeadLetterReplay replay,
      MeterRegistry registry, Clock clock) {
    DeadLetterIndex index = new DeadLetterIndex(maxPerInstitution, registry);
    Counter unreadable = Counter.builder("examhub.dead.letter.index.unreadable")
        .description("Records on the dead-letter topic that are no failed command, skipped").register(registry);
    SupervisedLoop feed = new SupervisedLoop("dead-letter-index", () -> new DeadLetterFeed(feeding.consumers().get(),
        feeding.topic(), index, unreadable, feeding.housekeeping()), Duration.ofSeconds(1), Duration.ofMinutes(1),
        registry, clock).start();
    DeadLetterEnds ends = new DeadLetterEnds(feeding.bootstrapServers(), feeding.topic());
    return new DeadLetters(index, () -> ends.of(index.positions().keySet()), feed, ends, replays, replay);
  }

  /** For {@code /health/ready}: LOADING until the index has read the topic once, DOWN while its feed is not healthy. */
  public ReadinessCheck readiness() {
    return () -> !feed.healthy() ? ReadinessCheck.DOWN : index.loaded() ? ReadinessCheck.UP : ReadinessCheck.LOADING;
  }

  /**
   * How whole an answer is.
   *
   * @param state {@code complete}: every dead letter written before the request that the bound
   *     keeps; {@code catching-up}: the index had not yet read the topic that far; {@code
   *     broker-unreachable}: the broker did not say where the topic ends, so dead letters written
   *     since the index last read may be missing
   * @param dropped per institution the operator sees, how many older dead letters the bound left
   *     out of the index (they stay on the topic until retention; {@code ./examhub tail} reads them)
   * @param maxPerInstitution the bound
   */
  public record Completeness(String state, Map<String, Long> dropped, int maxPerInstitution) {
    public static final String COMPLETE = "complete";
    public static final String CATCHING_UP = "catching-up";
    public static final String BROKER_UNREACHABLE = "broker-unreachable";

    public boolean complete() {
      return COMPLETE.equals(state);
    }

    public boolean truncated() {
      return !dropped.isEmpty();
    }
  }

  /** A dead letter as an operator sees it: whether it was replayed already. */
  public record Listed(StoredDeadLetter deadLetter, boolean replayed) {}

  /** The newest {@code limit} of the matching ones, oldest first, how many matched in all, and how whole that is. */
  public record Page(int total, List<Listed> items, Completeness completeness) {}

  public Page list(ApiClient operator, DeadLetterFilter filter, int limit) {
    Completeness completeness = current(operator);
    List<StoredDeadLetter> matching = new ArrayList<>(index.matching(visible(operator), filter));
    matching.sort(Comparator.comparing(d -> d.failed().failedAt(), Comparator.nullsFirst(Comparator.naturalOrder())));
    List<StoredDeadLetter> page = matching.subList(Math.max(0, matching.size() - limit), matching.size());
    Set<String> replayed = page.isEmpty() ? Set.of() : replays.replayedAmong(page.stream().map(StoredDeadLetter::id).toList());
    return new Page(matching.size(), page.stream().map(d -> new Listed(d, replayed.contains(d.id()))).toList(),
        completeness);
  }

  /** One dead letter by id; empty for a wrong id and for another institution's. */
  public Optional<Listed> find(ApiClient operator, String id) {
    DeadLetterId.parse(id);
    Completeness completeness = current(operator);
    Optional<StoredDeadLetter> found = index.find(visible(operator), id);
    if (found.isEmpty()) {
      wholeOrRefuse(completeness);
    }
    return found.map(d -> new Listed(d, replays.replayedAmong(List.of(d.id())).contains(d.id())));
  }

  /** Replays these ids (each once unless forced); ids the operator cannot see are under {@code notFound}. */
  public ReplayResult replayIds(ApiClient operator, List<String> ids, boolean force, String reason) {
    ids.forEach(DeadLetterId::parse);
    Completeness completeness = current(operator);
    List<StoredDeadLetter> selected = new ArrayList<>();
    List<String> notFound = new ArrayList<>();
    for (String id : ids.stream().distinct().toList()) {
      index.find(visible(operator), id).ifPresentOrElse(selected::add, () -> notFound.add(id));
    }
    if (!notFound.isEmpty()) {
      wholeOrRefuse(completeness);
    }
    return replay.replay(selected, force, operator.clientId(), reason, notFound);
  }

  /** Replays every dead letter the operator can see that matches (an empty filter: all of them). */
  public ReplayResult replayMatching(ApiClient operator, DeadLetterFilter filter, boolean force, String reason) {
    wholeOrRefuse(current(operator));
    List<StoredDeadLetter> selected = index.matching(visible(operator), filter);
    return replay.replay(selected, force, operator.clientId(), reason, new ArrayList<>());
  }

  /** Waits for the index to hold what the topic holds now, and says how far it got. */
  private Completeness current(ApiClient operator) {
    String state;
    try {
      if (!index.awaitReached(Map.of(), CURRENT_WAIT.toMillis())) {
        state = Completeness.CATCHING_UP; // still loading: ends are no use before the beginning is read
      } else {
        Optional<Map<Integer, Long>> now = ends.get();
        state = now.isEmpty() ? Completeness.BROKER_UNREACHABLE
            : index.awaitReached(now.get(), CURRENT_WAIT.toMillis()) ? Completeness.COMPLETE : Completeness.CATCHING_UP;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state = Completeness.CATCHING_UP;
    }
    return new Completeness(state, index.dropped(visible(operator)), index.maxPerInstitution());
  }

  /**
   * A "not found" or a replay of a filter from an index that is not whole would be a silently
   * partial answer: 503 with the reason instead, to be tried again.
   */
  private static void wholeOrRefuse(Completeness completeness) {
    if (!completeness.complete()) {
      throw new ApiException(ErrorCode.BACKEND_DOWN, completeness.state().equals(Completeness.CATCHING_UP)
          ? "the dead-letter index is still reading the topic; try again shortly"
          : "the broker did not say where the dead-letter topic ends; try again shortly", Map.of("Retry-After", "5"));
    }
  }

  private static Predicate<String> visible(ApiClient operator) {
    return operator.allInstitutions() ? institution -> true : operator::mayAccess;
  }

  @Override
  public void close() throws Exception {
    feed.close();
    resources.close();
  }
}
