package no.examhub.ops.cases;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import no.examhub.access.ApiClient;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.flow.cases.CaseQueries;
import no.examhub.flow.cases.CaseState;
import no.examhub.platform.http.ApiException;
import no.examhub.platform.http.ErrorCode;
import no.examhub.platform.http.RequestIds;
import no.examhub.platform.json.Json;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code GET /api/cases?flow=&state=&institution=&limit=}: each instance holds some partitions of
 * {@code case-store}, so the search asks every instance Streams knows ({@code ?local=true}, which
 * answers from that instance's store alone) and merges by case key. An instance that does not
 * answer makes the whole search a 503: a partial list would read as "no such cases".
 */
final class CaseSearch {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 1000;

  private final BearerAuth auth;
  private final KafkaStreams streams;
  private final CaseQueries cases;
  private final Optional<HostInfo> self;
  private final Peers peers;

  CaseSearch(BearerAuth auth, KafkaStreams streams, CaseQueries cases, Optional<HostInfo> self, Peers peers) {
    this.auth = auth;
    this.streams = streams;
    this.cases = cases;
    this.self = self;
    this.peers = peers;
  }

  void search(Context ctx) {
    ApiClient operator = auth.require(ctx, Scopes.ADMIN);
    CaseFilter filter = CaseFilter.of(ctx.queryParam("flow"), ctx.queryParam("state"), ctx.queryParam("institution"));
    int limit = limit(ctx.queryParam("limit"));
    // Inside the store's scan, so the limit counts only the operator's cases; each peer applies
    // the same scope, as it is asked with the same token.
    Predicate<CaseState> visible = c -> operator.mayAccess(c.institution()) && filter.test(c);
    List<CaseState> found = new ArrayList<>(CaseRoutes.local(() -> cases.matching(visible, limit)));
    List<String> instances = new ArrayList<>(List.of(self.map(CaseRoutes::servedBy).orElse("local")));
    if (self.isPresent() && !"true".equals(ctx.queryParam("local"))) {
      for (HostInfo peer : otherInstances()) {
        Peers.Answer answer = peers.get(peer, "/api/cases?local=true&" + query(filter, limit),
            ctx.header("Authorization"), RequestIds.of(ctx));
        if (answer.status() != 200) {
          throw new ApiException(ErrorCode.BACKEND_DOWN, "The instance " + answer.servedBy()
              + " answered " + answer.status() + "; the search would be incomplete.");
        }
        Json.tree(answer.body()).path("cases").forEach(c -> found.add(Json.MAPPER.convertValue(c, CaseState.class)));
        instances.add(answer.servedBy());
      }
    }
    List<CaseState> page = found.stream().filter(c -> operator.mayAccess(c.institution()))
        .sorted(Comparator.comparing(CaseState::caseKey)).limit(limit).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("count", page.size());
    body.put("instances", instances);
    body.put("cases", page);
    ctx.contentType("application/json").result(Json.bytes(body));
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

  private static String query(CaseFilter f, int limit) {
    StringBuilder q = new StringBuilder("limit=").append(limit);
    param(q, "flow", f.flow());
    param(q, "state", f.state());
    param(q, "institution", f.institution());
    return q.toString();
  }

  private static void param(StringBuilder q, String name, String value) {
    if (value != null) {
      q.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw new ApiException(ErrorCode.MALFORMED_REQUEST, "limit must be 1-" + MAX_LIMIT);
  }
}
