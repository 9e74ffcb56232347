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
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.http.HttpServer;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bearer tokens: which error a caller gets for which credential, in the order it can act on. */
class BearerAuthTest {
  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static EmbeddedMongo mongo;
  private static MongoClient mongoClient;
  private static ApiClientDirectory directory;
  private static Javalin server;

  @BeforeAll
  static void start() {
    mongo = EmbeddedMongo.inMemory();
    mongoClient = MongoClients.create(mongo.uri());
    ApiClientRepository repository = new ApiClientRepository(mongoClient.getDatabase("auth-test"));
    repository.save(client("publisher", "publisher-token", Scopes.METRICA_PUBLISH, null));
    repository.save(client("expired", "expired-token", Scopes.METRICA_PUBLISH, NOW.minusSeconds(1)));
    repository.save(client("consumer", "consumer-token", Scopes.METRICA_CONSUME, NOW.plusSeconds(60)));
    directory = new ApiClientDirectory(repository, Duration.ofHours(1));
    directory.refresh();
    BearerAuth auth = new BearerAuth(directory, Clock.fixed(NOW, ZoneOffset.UTC));
    server = HttpServer.create(10_000, new SimpleMeterRegistry(), List.of(routes -> routes.get("/probe",
        ctx -> ctx.result(auth.require(ctx, Scopes.METRICA_PUBLISH).clientId()))));
    server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.stop();
    directory.close();
    mongoClient.close();
    mongo.close();
  }

  @Test
  void validTokenWithTheScopeIsLetThroughAsItsClient() {
    HttpResponse<String> response = probe("Bearer publisher-token");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("publisher");
  }

  @Test
  void schemeIsCaseInsensitive() {
    assertThat(probe("bearer publisher-token").statusCode()).isEqualTo(200);
  }

  @Test
  void missingHeaderIs70402() {
    assertError(probe(null), 401, "70402");
    assertError(probe("Bearer   "), 401, "70402");
  }

  @Test
  void unknownTokenOrOtherSchemeIs70401() {
    assertError(probe("Bearer not-a-token"), 401, "70401");
    assertError(probe("Basic cHVibGlzaGVyOnRva2Vu"), 401, "70401");
  }

  @Test
  void expiredTokenIs70405() {
    assertError(probe("Bearer expired-token"), 401, "70405");
  }

  @Test
  void tokenWithoutTheScopeIs70403() {
    assertError(probe("Bearer consumer-token"), 403, "70403");
  }

  @Test
  void errorBodyNeverEchoesTheToken() {
    assertThat(probe("Bearer not-a-token").body()).doesNotContain("not-a-token");
  }

  private static ApiClient client(String id, String token, String scope, Instant expiresAt) {
    return new ApiClient(id, Hmac.sha256Hex(token), Set.of(scope), expiresAt, "test");
  }

  private static HttpResponse<String> probe(String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/probe"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return Http.send(b.GET().build());
  }

  private static void assertError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.body()).contains("\"errorCode\":\"" + code + "\"");
  }
}
