package no.examhub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.mongo.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Console sessions kept in the shared store, as two instances behind a load balancer see them
 * (each with its own client of the same store): a session opened on one is accepted on the other,
 * a sign-out on one ends it on both, the idle and total limits hold on both, expired sessions are
 * purged, and the store holds neither the cookie nor the operator's token.
 */
class ConsoleSessionsTest {
  private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
  private static final String TOKEN_HASH = Hmac.sha256Hex("an operator token");

  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final MongoClient clientOne = MongoClients.create(mongo.uri());
  private final MongoClient clientTwo = MongoClients.create(mongo.uri());
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ConsoleSessions one = new ConsoleSessions(clientOne.getDatabase("examhub"), registry);
  private final ConsoleSessions two = new ConsoleSessions(clientTwo.getDatabase("examhub"), new SimpleMeterRegistry());

  @AfterEach
  void stop() {
    clientOne.close();
    clientTwo.close();
    mongo.close();
  }

  @Test
  void aSessionOpenedOnOneInstanceIsAcceptedOnAnotherWithTheSameCsrfToken() {
    String cookie = one.open(TOKEN_HASH, T0);

    ConsoleSessions.Session onTwo = two.find(cookie, T0.plusSeconds(5)).orElseThrow();

    assertThat(onTwo.tokenHash()).isEqualTo(TOKEN_HASH);
    assertThat(onTwo.csrf()).isEqualTo(one.find(cookie, T0.plusSeconds(6)).orElseThrow().csrf());
  }

  @Test
  void signingOutOnOneInstanceEndsTheSessionOnTheOther() {
    String cookie = one.open(TOKEN_HASH, T0);
    assertThat(two.find(cookie, T0.plusSeconds(1))).isPresent();

    one.close(cookie);

    assertThat(two.find(cookie, T0.plusSeconds(2))).isEmpty();
    assertThat(registry.counter("examhub.console.sessions.ended", "reason", "signed-out").count()).isEqualTo(1);
  }

  @Test
  void theIdleHourAndTheTwelveHoursHoldOnEveryInstance() {
    String idle = one.open(TOKEN_HASH, T0);
    assertThat(two.find(idle, T0.plus(Duration.ofMinutes(59)))).as("used on two: idle time restarts").isPresent();
    assertThat(one.find(idle, T0.plus(Duration.ofMinutes(118)))).isPresent();
    assertThat(two.find(idle, T0.plus(Duration.ofMinutes(118 + 61)))).as("an idle hour").isEmpty();

    String busy = one.open(TOKEN_HASH, T0);
    Instant at = T0;
    for (int i = 0; i < 14; i++) { // every 50 minutes, alternating instances, for 11 h 40 min
      at = at.plus(Duration.ofMinutes(50));
      assertThat((i % 2 == 0 ? one : two).find(busy, at)).as("busy at %s", at).isPresent();
    }
    assertThat(two.find(busy, T0.plus(Duration.ofHours(12)))).as("twelve hours in all").isEmpty();
  }

  @Test
  void expiredSessionsArePurgedWithoutATtlIndex() {
    one.open(TOKEN_HASH, T0);
    one.open(TOKEN_HASH, T0);
    String current = two.open(TOKEN_HASH, T0.plus(Duration.ofHours(2)));

    assertThat(one.size()).as("the next sign-in deleted the two expired ones").isEqualTo(1);
    assertThat(one.find(current, T0.plus(Duration.ofHours(2)).plusSeconds(1))).isPresent();
    assertThat(one.purgeExpired(T0.plus(Duration.ofHours(4)))).isEqualTo(1);
    assertThat(one.size()).isZero();
  }

  @Test
  void theStoreHoldsNeitherTheCookieNorTheTokenAndAWrongVerifierIsRefused() {
    String cookie = one.open(TOKEN_HASH, T0);
    String selector = cookie.substring(0, cookie.indexOf('.'));
    String verifier = cookie.substring(cookie.indexOf('.') + 1);

    Document stored = clientOne.getDatabase("examhub").getCollection(ConsoleSessions.COLLECTION).find().first();
    assertThat(stored.toJson()).doesNotContain(verifier).doesNotContain(cookie).doesNotContain("an operator token");
    assertThat(stored.getString("verifierHash")).isEqualTo(Hmac.sha256Hex(verifier));

    assertThat(two.find(selector + "." + verifier.substring(1) + "A", T0)).isEmpty();
    assertThat(two.find(selector, T0)).isEmpty();
    assertThat(two.find(Hmac.sha256Hex(cookie), T0)).isEmpty();
    two.close(selector + ".wrong");
    assertThat(one.find(cookie, T0)).as("a wrong verifier cannot sign anyone out").isPresent();
  }
}
