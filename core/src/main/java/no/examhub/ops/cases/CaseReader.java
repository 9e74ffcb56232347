package no.examhub.ops.cases;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import no.examhub.access.ApiClient;
import no.examhub.event.CaseKeys;
import no.examhub.flow.cases.CaseQueries;
import no.examhub.flow.cases.CaseState;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.json.Json;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Reads {@code case-store} across every instance of the application, for the operator API and the
 * console alike: each instance holds some partitions, so a search asks every instance Streams knows
 * ({@code /api/cases?local=true}, answered from that instance's store alone) and merges by case
 * key, and one case is read from the instance that holds its key. An instance that does not answer
 * makes the whole search a 503: a partial list would read as "no such cases". The operator's
 * scope applies inside each store's scan, here and on every peer, which authorises the request
 * again from the {@link Credential} it is sent with.
 */
public final class CaseReader {
  private final KafkaStreams streams;
  private final CaseQueries cases;
  private final Optional<HostInfo> self;
  private final Peers peers;

  CaseReader(KafkaStreams streams, Optional<String> advertisedUrl, Peers peers) {
    this.streams = streams;
    this.cases = new CaseQueries(streams);
    this.self = advertisedUrl.map(URI::create).map(u -> new HostInfo(u.getHost(), u.getPort()));
    this.peers = peers;
  }

  /** @param advertisedUrl how the other instances reach this one ({@code EXAMHUB_ADVERTISED_URL}) */
  public static CaseReader of(KafkaStreams streams, Optional<String> advertisedUrl) {
    return new CaseReader(streams, advertisedUrl, new Peers(Duration.ofSeconds(10)));
  }

  /** What authorises a request to a peer: headers for exactly {@code method peer+pathAndQuery}. */
  @FunctionalInterface
  public interface Credential {
    /** @param peer the peer's base URL, {@code http://host:port} */
    Map<String, String> headers(String peer, String method, String pathAndQuery);
  }

  /** A search's cases, sorted by key, and the instances whose stores answered. */
  public record Found(List<CaseState> cases, List<String> instances) {}

  /** One case and the instance whose store answered. */
  public record Located(CaseState state, String servedBy) {}

  /**
   * Up to {@code limit} of the operator's cases that match, from this instance and, unless
   * {@code localOnly}, every other.
   */
  public Found search(ApiClient operator, CaseFilter filter, int limit, boolean localOnly, Credential credential,
      String requestId) {
    // Inside the store's scan, so the limit counts only the operator's cases; each peer applies
    // the same scope, as it authorises the same operator.
    Predicate<CaseState> visible = c -> operator.mayAccess(c.institution()) && filter.test(c);
    List<CaseState> found = new ArrayList<>(CaseRoutes.local(() -> cases.matching(visible, limit)));
    List<String> instances = new ArrayList<>(List.of(servedByHere()));
    if (self.isPresent() && !localOnly) {
      for (HostInfo peer : otherInstances()) {
        Peers.Answer answer;
        try {
          answer = peers.get(peer, CaseRoutes.ALL + "?local=true&limit=" + limit + filter.query(), credential, requestId);
        } catch (ApiException unreachable) {
          throw incomplete(unreachable.getMessage());
        }
        if (answer.status() != 200) {
          throw incomplete("The instance " + answer.servedBy() + " answered " + answer.status() + ".");
        }
        Json.tree(answer.body()).path("cases").forEach(c -> found.add(Json.MAPPER.convertValue(c, CaseState.class)));
        instances.add(answer.servedBy());
      }
    }
    List<CaseState> page = found.stream().filter(visible).sorted(Comparator.comparing(CaseState::caseKey))
        .limit(limit).toList();
    return new Found(page, instances);
  }

  /**
   * The operator's case of this candidate, from whichever instance holds its key; empty for no
   * case and for another institution's. A peer that cannot answer is a 503, never "no case".
   */
  public Optional<Located> find(ApiClient operator, String institution, String vurdId, String kandidatnr,
      Credential credential, String requestId) {
    if (!operator.mayAccess(institution)) {
      return Optional.empty();
    }
    String key = CaseKeys.of(institution, vurdId, kandidatnr);
    Optional<HostInfo> owner = remoteOwner(key, false);
    if (owner.isEmpty()) {
      return findHere(key).map(c -> new Located(c, servedByHere()));
    }
    String path = CaseRoutes.ALL + "/" + segment(institution) + "/" + segment(vurdId) + "/" + segment(kandidatnr);
    Peers.Answer answer = peers.get(owner.get(), path, credential, requestId);
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (answer.status() != 200) {
      throw new ApiException(ErrorCode.BACKEND_DOWN, "The instance " + answer.servedBy() + " that holds this case answered "
          + answer.status() + ".", Map.of("Retry-After", "2"));
    }
    return Optional.of(new Located(Json.MAPPER.convertValue(Json.tree(answer.body()), CaseState.class), answer.servedBy()))
        .filter(l -> operator.mayAccess(l.state().institution()));
  }

  /**
   * The other instance that holds {@code key}, or empty when this one answers: it holds the key,
   * it is a lone instance (no advertised address), or the request was already forwarded here (a
   * 503 if ownership just moved, never a loop). A 503 while ownership is unknown.
   */
  Optional<HostInfo> remoteOwner(String key, boolean forwarded) {
    if (self.isEmpty()) {
      return Optional.empty();
    }
    KeyQueryMetadata owner = cases.ownerOf(key);
    if (owner == KeyQueryMetadata.NOT_AVAILABLE || streams.state() != KafkaStreams.State.RUNNING) {
      throw CaseRoutes.rebalancing();
    }
    return owner.activeHost().equals(self.get()) || forwarded ? Optional.empty() : Optional.of(owner.activeHost());
  }

  /** The case from this instance's store: the key's partition when known, whatever it holds when alone. */
  Optional<CaseState> findHere(String key) {
    if (self.isEmpty()) {
      return CaseRoutes.local(() -> cases.findLocally(key));
    }
    int partition = cases.ownerOf(key).partition();
    return CaseRoutes.local(() -> cases.findInPartition(key, partition));
  }

  Peers peers() {
    return peers;
  }

  String servedByHere() {
    return self.map(CaseRoutes::servedBy).orElse("local");
  }

  private Set<HostInfo> otherInstances() {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      throw CaseRoutes.rebalancing();
    }
    Set<HostInfo> hosts = new LinkedHashSet<>();
    for (StreamsMetadata m : cases.holders()) {
      if (!m.hostInfo().equals(self.get()) && m.hostInfo().port() > 0) {
        hosts.add(m.hostInfo());
      }
    }
    return hosts;
  }

  private static ApiException incomplete(String why) {
    return new ApiException(ErrorCode.BACKEND_DOWN, why + " The search would be incomplete, so it is not answered; retry shortly.",
        Map.of("Retry-After", "2"));
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
