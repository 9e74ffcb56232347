package no.examhub.ops.cases;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import no.examhub.access.ApiClient;
import no.examhub.access.BearerAuth;
import no.examhub.access.Delegations;
import no.examhub.access.Scopes;
import no.examhub.event.CaseKeys;
import no.examhub.flow.cases.CaseState;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.http.RequestIds;
import no.examhub.platform.json.Json;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The operator's case API (bearer token with scope {@code admin}), over {@code case-store}:
 * {@code GET /api/cases/{institution}/{vurdId}/{kandidatnr}} answers one candidate's case from the
 * instance that holds its partition, forwarded there when that is another instance;
 * {@code GET /api/cases?...} searches every instance ({@link CaseSearch}). {@code X-Examhub-Served-By}
 * names the instance whose store answered. An operator limited to some institutions gets 404 for
 * any other's case, and searches only its own.
 *
 * <p>These two routes, and no other, also take a console's {@link Delegations delegation} instead
 * of a bearer token: another instance's console asking on an operator's behalf. A delegated
 * request is answered from this instance's store alone.
 */
public final class CaseRoutes implements HttpRoutes {
  public static final String ALL = "/api/cases";
  public static final String ONE = "/api/cases/{institution}/{vurdId}/{kandidatnr}";

  private final BearerAuth auth;
  private final Delegations delegations;
  private final CaseReader reader;
  private final Peers peers;

  CaseRoutes(BearerAuth auth, Delegations delegations, CaseReader reader, Peers peers) {
    this.auth = auth;
    this.delegations = delegations;
    this.reader = reader;
    this.peers = peers;
  }

  public static CaseRoutes of(BearerAuth auth, Delegations delegations, CaseReader reader) {
    return new CaseRoutes(auth, delegations, reader, reader.peers());
  }

  @Override
  public void register(RoutesConfig routes) {
    CaseSearch search = new CaseSearch(reader);
    routes.get(ONE, this::one);
    routes.get(ALL, ctx -> search.search(ctx, operator(ctx), Delegations.present(ctx)));
  }

  private ApiClient operator(Context ctx) {
    return Delegations.present(ctx) ? delegations.require(ctx, Scopes.ADMIN) : auth.require(ctx, Scopes.ADMIN);
  }

  private void one(Context ctx) {
    // Before the store or a peer is asked: another institution's case is answered as no case.
    if (!operator(ctx).mayAccess(ctx.pathParam("institution"))) {
      throw noCase();
    }
    String key = CaseKeys.of(ctx.pathParam("institution"), ctx.pathParam("vurdId"), ctx.pathParam("kandidatnr"));
    boolean forwarded = ctx.header(Peers.FORWARDED) != null || Delegations.present(ctx);
    Optional<HostInfo> owner = reader.remoteOwner(key, forwarded);
    if (owner.isEmpty()) {
      CaseState c = reader.findHere(key).orElseThrow(CaseRoutes::noCase);
      ctx.header(Peers.SERVED_BY, reader.servedByHere()).contentType("application/json").result(Json.bytes(c));
      return;
    }
    Peers.Answer remote = peers.get(owner.get(), ctx.path(), sameCredential(ctx), RequestIds.of(ctx));
    ctx.status(remote.status()).header(Peers.SERVED_BY, remote.servedBy()).contentType("application/json")
        .result(remote.body());
  }

  /** The caller's own Authorization, passed on so that the peer authorises the caller itself. */
  static CaseReader.Credential sameCredential(Context ctx) {
    String authorization = ctx.header("Authorization");
    return (peer, method, pathAndQuery) -> authorization == null ? Map.of() : Map.of("Authorization", authorization);
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
