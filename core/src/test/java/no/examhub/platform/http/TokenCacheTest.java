package no.examhub.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A token is reused until its renewal time; a refused one is fetched anew, a replaced one is kept. */
class TokenCacheTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private final AtomicInteger fetches = new AtomicInteger();

  @Test
  void aTokenIsReusedUntilItsRenewalTime() {
    TokenCache atStart = new TokenCache(Clock.fixed(T0, ZoneOffset.UTC));
    assertThat(atStart.get("uio", this::fetch)).isEqualTo("token-1");
    assertThat(atStart.get("uio", this::fetch)).isEqualTo("token-1");
    assertThat(atStart.get("ntnu", this::fetch)).as("another account").isEqualTo("token-2");

    assertThat(fetches).hasValue(2);
  }

  @Test
  void aRefusedTokenIsFetchedAnewButOneAlreadyReplacedIsKept() {
    TokenCache cache = new TokenCache(Clock.fixed(T0, ZoneOffset.UTC));
    String first = cache.get("uio", this::fetch);
    cache.refused("uio", first);
    String second = cache.get("uio", this::fetch);

    cache.refused("uio", first);

    assertThat(second).isEqualTo("token-2");
    assertThat(cache.get("uio", this::fetch)).isEqualTo("token-2");
  }

  @Test
  void aTokenPastItsRenewalTimeIsFetchedAgain() {
    TokenCache cache = new TokenCache(Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC));
    assertThat(cache.get("uio", () -> new TokenCache.Issued("old", T0.plusSeconds(60)))).isEqualTo("old");

    assertThat(cache.get("uio", this::fetch)).isEqualTo("token-1");
  }

  private TokenCache.Issued fetch() {
    return new TokenCache.Issued("token-" + fetches.incrementAndGet(), T0.plusSeconds(3000));
  }
}
