package no.examhub.ops.deadletters;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.examhub.access.ApiClient;
import no.examhub.platform.kafka.DurableProducer;

/**
 * What an operator may do with dead letters, whichever interface asks (the operator API, the
 * console): list, open one, replay by ids or by filter. Another institution's dead letter is, to
 * an operator scoped to some institutions, no dead letter: not listed, not found, not replayed by
 * a filter or all, and an id of one is reported under {@code notFound} like a wrong id.
 */
public final class DeadLetters {
  private final DeadLetterReader reader;
  private final Replays replays;
  private final DeadLetterReplay replay;

  DeadLetters(DeadLetterReader reader, Replays replays, DeadLetterReplay replay) {
    this.reader = reader;
    this.replays = replays;
    this.replay = replay;
  }

  /**
   * @param environment the environment's name, kept in the audit
   * @param ackTimeout how long a replay waits for the broker's acknowledgement
   */
  public static DeadLetters of(String bootstrapServers, MongoDatabase database, DurableProducer producer,
      String environment, Duration ackTimeout, Clock clock) {
    Replays replays = new Replays(database);
    return new DeadLetters(new DeadLetterReader(bootstrapServers), replays,
        new DeadLetterReplay(producer, replays, new ReplayAudit(database, environment),
            () -> new ReplayDecisions(bootstrapServers), ackTimeout, clock));
  }

  /** A dead letter as an operator sees it: whether it was replayed already. */
  public record Listed(StoredDeadLetter deadLetter, boolean replayed) {}

  /** The newest {@code limit} of the matching ones, oldest first, and how many matched in all. */
  public record Page(int total, List<Listed> items) {}

  public Page list(ApiClient operator, DeadLetterFilter filter, int limit) {
    List<StoredDeadLetter> matching = visibleTo(operator).stream().filter(d -> filter.matches(d.failed()))
        .sorted(Comparator.comparing(d -> d.failed().failedAt(), Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
    List<StoredDeadLetter> page = matching.subList(Math.max(0, matching.size() - limit), matching.size());
    Set<String> replayed = page.isEmpty() ? Set.of() : replays.replayedAmong(page.stream().map(StoredDeadLetter::id).toList());
    return new Page(matching.size(), page.stream().map(d -> new Listed(d, replayed.contains(d.id()))).toList());
  }

  /** One dead letter by id; empty for a wrong id and for another institution's. */
  public Optional<Listed> find(ApiClient operator, String id) {
    DeadLetterId.parse(id);
    return visibleTo(operator).stream().filter(d -> d.id().equals(id)).findFirst()
        .map(d -> new Listed(d, replays.replayedAmong(List.of(d.id())).contains(d.id())));
  }

  /** Replays these ids (each once unless forced); ids the operator cannot see are under {@code notFound}. */
  public ReplayResult replayIds(ApiClient operator, List<String> ids, boolean force, String reason) {
    ids.forEach(DeadLetterId::parse);
    Map<String, StoredDeadLetter> byId = visibleTo(operator).stream()
        .collect(Collectors.toMap(StoredDeadLetter::id, Function.identity(), (a, b) -> a));
    List<StoredDeadLetter> selected = new ArrayList<>();
    List<String> notFound = new ArrayList<>();
    for (String id : ids.stream().distinct().toList()) {
      if (byId.containsKey(id)) {
        selected.add(byId.get(id));
      } else {
        notFound.add(id);
      }
    }
    return replay.replay(selected, force, operator.clientId(), reason, notFound);
  }

  /** Replays every dead letter the operator can see that matches (an empty filter: all of them). */
  public ReplayResult replayMatching(ApiClient operator, DeadLetterFilter filter, boolean force, String reason) {
    List<StoredDeadLetter> selected = visibleTo(operator).stream().filter(d -> filter.matches(d.failed())).toList();
    return replay.replay(selected, force, operator.clientId(), reason, new ArrayList<>());
  }

  private List<StoredDeadLetter> visibleTo(ApiClient operator) {
    List<StoredDeadLetter> all = reader.readAll();
    return operator.allInstitutions() ? all
        : all.stream().filter(d -> operator.mayAccess(d.failed().command().institution())).toList();
  }
}
