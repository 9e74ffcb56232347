package no.examhub.partner.wiseflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.examhub.simulator.wiseflow.WiseflowSimulator;
import no.examhub.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WISEflow's OAuth2 tokens: one fetch at a time per institution, reused until shortly before the hour is up. */
class WiseflowTokensTest {
  private final WiseflowRig rig = new WiseflowRig();
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final WiseflowTokens tokens = new WiseflowTokens(Duration.ofSeconds(2), Duration.ofSeconds(5), clock);

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void manyCommandsAtOnceShareOneFetchedToken() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> got = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      got.add(pool.submit(() -> {
        go.await();
        return token("uni-a", null);
      }));
    }
    go.countDown();
    Set<String> distinct = ConcurrentHashMap.newKeySet();
    for (Future<String> f : got) {
      distinct.add(f.get());
    }
    pool.shutdown();

    assertThat(distinct).hasSize(1);
    assertThat(rig.wiseflow.tokenFetches()).isEqualTo(1);
  }

  @Test
  void aTokenIsReusedUntilFiveMinutesBeforeItsHourAndEachInstitutionHasItsOwn() throws Exception {
    String first = token("uni-a", null);
    clock.advance(Duration.ofMinutes(54));
    String stillValid = token("uni-a", null);
    String other = token("uni-b", null);
    clock.advance(Duration.ofMinutes(2));
    String renewed = token("uni-a", null);

    assertThat(stillValid).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(renewed).isNotEqualTo(first);
    assertThat(rig.wiseflow.tokenFetches()).isEqualTo(3);
  }

  @Test
  void aTokenWiseflowRefusedIsFetchedAgainEvenBeforeItExpires() throws Exception {
    String refused = token("uni-a", null);

    String fresh = token("uni-a", refused);

    assertThat(fresh).isNotEqualTo(refused);
    assertThat(rig.wiseflow.tokenFetches()).isEqualTo(2);
  }

  private String token(String institution, String stale) throws Exception {
    return tokens.token(institution, rig.url() + "/oauth2/token", WiseflowSimulator.CLIENT_ID,
        WiseflowSimulator.CLIENT_SECRET, stale);
  }
}
