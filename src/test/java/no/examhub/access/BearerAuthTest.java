package no.examhub.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import no.examhub.ingress.Hmac;
import no.examhub.platform.http.HttpServer;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Specification of bearer authentication, on a real HTTP server with a fixed clock. */
class BearerAuthTest {
  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static EmbeddedMongo mongo;
  private static MongoClient mongoClient;
  private static ApiClientDirectory clients;
  private static Javalin server;

  @BeforeAll
  static void start() {
    mongo = EmbeddedMongo.inMemory();
    mongoClient = MongoClients.create(mongo.uri());
    ApiClientRepository repository = new ApiClientRepository(mongoClient.getDatabase("bearer-test"));
    repository.save(client("operator", "admin-token", Scopes.ADMIN, null));
    repository.save(client("old-operator", "old-token", Scopes.ADMIN, NOW.minusSeconds(1)));
    repository.save(client("test-player", "player-token", Scopes.METRICA_CONSUME, NOW.plusSeconds(60)));
    clients = new ApiClientDirectory(repository, Duration.ofHours(1));
    BearerAuth auth = new BearerAuth(clients, Clock.fixed(NOW, ZoneOffset.UTC));
    server = HttpServer.create(1024, new SimpleMeterRegistry(), List.of(routes -> routes.get("/probe",
        ctx -> ctx.result(auth.require(ctx, Scopes.ADMIN).clientId()))));
    server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.stop();
    clients.close();
    mongoClient.close();
    mongo.close();
  }

  @Test
  void validTokenWithTheScopeYieldsItsClient() {
    HttpResponse<String> answer = probe("Bearer admin-token");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("operator");
  }

  @Test
  void schemeIsCaseInsensitive() {
    assertThat(probe("bearer admin-token").statusCode()).isEqualTo(200);
  }

  @Test
  void missingOrEmptyOrOtherSchemeIsMissingCredentials() {
    assertThat(probe(null).body()).contains("\"errorCode\":\"70402\"");
    assertThat(probe("Bearer ").body()).contains("\"errorCode\":\"70402\"");
    assertThat(probe("Basic YWRtaW46YWRtaW4=").body()).contains("\"errorCode\":\"70402\"");
  }

  @Test
  void unknownTokenIsInvalidCredentials() {
    HttpResponse<String> answer = probe("Bearer not-a-token");

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("\"errorCode\":\"70401\"").doesNotContain("not-a-token");
  }

  @Test
  void tokenPastItsExpiryIsExpired() {
    HttpResponse<String> answer = probe("Bearer old-token");

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("\"errorCode\":\"70405\"");
  }

  @Test
  void tokenWithoutTheScopeIsForbidden() {
    HttpResponse<String> answer = probe("Bearer player-token");

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).contains("\"errorCode\":\"70403\"");
  }

  private static HttpResponse<String> probe(String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/probe"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return Http.send(request.GET().build());
  }

  private static ApiClient client(String id, String token, String scope, Instant expiresAt) {
    return new ApiClient(id, Hmac.sha256Hex(token), Set.of(scope), expiresAt, "test client");
  }
}
