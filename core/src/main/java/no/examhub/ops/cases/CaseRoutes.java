package no.examhub.ops.cases;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.event.CaseKeys;
import no.examhub.flow.cases.CaseQueries;
import no.examhub.flow.cases.CaseState;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.http.RequestIds;
import no.examhub.platform.json.Json;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The operator's case API (bearer token with scope {@code admin}), over {@code case-store}:
 * {@code GET /api/cases/{institution}/{vurdId}/{kandidatnr}} answers one candidate's case from the
 * instance that holds its partition, forwarded there when that is another instance;
 * {@code GET /api/cases?flow=&state=&institution=&limit=} searches every instance
 * ({@link CaseSearch}). {@code X-Examhub-Served-By} names the instance whose store answered. An
 * operator limited to some institutions gets 404 for any other's case, and searches only its own.
 */
public final class CaseRoutes implements HttpRoutes {
  public static final String ALL = "/api/cases";
  public static final String ONE = "/api/cases/{institution}/{vurdId}/{kandidatnr}";

  private final BearerAuth auth;
  private final KafkaStreams streams;
  private final CaseQueries cases;
  private final Optional<HostInfo> self;
  private final Peers peers;

  CaseRoutes(BearerAuth auth, KafkaStreams streams, Optional<String> advertisedUrl, Peers peers) {
    this.auth = auth;
    this.streams = streams;
    this.cases = new CaseQueries(streams);
    this.self = advertisedUrl.map(URI::create).map(u -> new HostInfo(u.getHost(), u.getPort()));
    this.peers = peers;
  }

  /** @param advertisedUrl how the other instances reach this one ({@code EXAMHUB_ADVERTISED_URL}) */
  public static CaseRoutes of(BearerAuth auth, KafkaStreams streams, Optional<String> advertisedUrl) {
    return new CaseRoutes(auth, streams, advertisedUrl, new Peers(Duration.ofSeconds(10)));
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(ONE, this::one);
    routes.get(ALL, new CaseSearch(auth, streams, cases, self, peers)::search);
  }

  private void one(Context ctx) {
    // Before the store or a peer is asked: another institution's case is answered as no case.
    auth.requireFor(ctx, Scopes.ADMIN, ctx.pathParam("institution"), CaseRoutes::noCase);
    String key = CaseKeys.of(ctx.pathParam("institution"), ctx.pathParam("vurdId"), ctx.pathParam("kandidatnr"));
    if (self.isEmpty()) {
      answer(ctx, local(() -> cases.findLocally(key)), "local");
      return;
    }
    KeyQueryMetadata owner = cases.ownerOf(key);
    if (owner == KeyQueryMetadata.NOT_AVAILABLE || streams.state() != KafkaStreams.State.RUNNING) {
      throw rebalancing();
    }
    if (owner.activeHost().equals(self.get()) || ctx.header(Peers.FORWARDED) != null) {
      // A forwarded request is answered here even if ownership just moved: a 503, never a loop.
      answer(ctx, local(() -> cases.findInPartition(key, owner.partition())), servedBy(self.get()));
      return;
    }
    Peers.Answer remote = peers.get(owner.activeHost(), ctx.path(), ctx.header("Authorization"), RequestIds.of(ctx));
    ctx.status(remote.status()).header(Peers.SERVED_BY, remote.servedBy()).contentType("application/json")
        .result(remote.body());
  }

  private static void answer(Context ctx, Optional<CaseState> found, String servedBy) {
    CaseState c = found.orElseThrow(CaseRoutes::noCase);
    ctx.header(Peers.SERVED_BY, servedBy).contentType("application/json").result(Json.bytes(c));
  }

  private static ApiException noCase() {
    return new ApiException(ErrorCode.NOT_FOUND, "No case for this candidate.");
  }

  /** A store that is not queryable (rebalancing, restoring) is a retryable 503, not a 404. */
  static <T> T local(Supplier<T> query) {
    try {
      return query.get();
    } catch (InvalidStateStoreException e) {
      throw rebalancing();
    }
  }

  static ApiException rebalancing() {
    return new ApiException(ErrorCode.BACKEND_DOWN, "Cases are being moved between instances (rebalancing); retry shortly.",
        java.util.Map.of("Retry-After", "2"));
  }

  static String servedBy(HostInfo host) {
    return "http://" + host.host() + ":" + host.port();
  }
}
