package no.examhub.partner.inspera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Payload;
import no.examhub.simulator.inspera.InsperaDemoTests;
import no.examhub.simulator.inspera.InsperaSimulator;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inspera's changing calls (docs/faults.md, "Applied, result unknown") against the simulator, its
 * answer replaced by a page that is not JSON after the simulator applied the call: the operation
 * ends as applied with an unknown result, keeping the ids it resolved before the call; nothing may
 * dead-letter it, since a replay would apply it twice. A lookup answered the same way stays the
 * permanent {@code UNREADABLE_ANSWER}, and nothing is changed at Inspera.
 */
class InsperaUnknownResultTest {
  private static final String DEMO = "demo.inspera.no";
  private static final String TEST_ID = "61000001";
  private static final String VURD_ID = "UNKNOWN-RESULT-1";
  private static final long USER_ID = 61000002;
  private final InsperaSimulator inspera = InsperaSimulator.demo();
  /** Answers on paths ending in this are replaced by a page that is not JSON, status kept. */
  private volatile String garbled;
  private Javalin app;
  private InsperaClient api;

  @BeforeEach
  void start() {
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      inspera.register(cfg.routes);
      cfg.routes.after(ctx -> {
        String garble = garbled;
        if (garble != null && ctx.path().endsWith(garble)) {
          ctx.result("<html>a proxy answered instead</html>");
        }
      });
    }).start("127.0.0.1", 0);
    inspera.putTest(InsperaDemoTests.test(TEST_ID, VURD_ID, "Unknown result exam", "EXAM",
        List.of(InsperaDemoTests.candidate("501", USER_ID, "B", List.of()))));
    api = new InsperaClient(new PartnerHttp(Duration.ofSeconds(2), Duration.ofSeconds(5)),
        new InsperaTokens(Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC()),
        new InsperaTokens.Tenant("demo", "http://127.0.0.1:" + app.port() + "/inspera/" + DEMO + "/api",
            InsperaSimulator.DEMO_CLIENT_ID, InsperaSimulator.API_KEY), "unknown-result-test");
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void anUnreadableAnswerToRegisterAppealIsAppliedWithAnUnknownResultAndKeepsTheResolvedIds() {
    garbled = "/v1/test/" + TEST_ID + "/appeals";

    assertThatThrownBy(() -> InsperaCaseOperations.registerAppeal(api, appeal()))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> {
          assertThat(f.appliedUnknown()).isTrue();
          assertThat(f.code()).isEqualTo("UNREADABLE_ANSWER");
          assertThat(Wire.tree(f.known()).path("testId").asText()).isEqualTo(TEST_ID);
          assertThat(Wire.tree(f.known()).path("candidateUserId").asLong()).isEqualTo(USER_ID);
        });
    assertThat(inspera.applied("appeal")).as("Inspera did register it").singleElement()
        .extracting(InsperaSimulator.Applied::testId).isEqualTo(TEST_ID);
  }

  @Test
  void anUnreadableAnswerToRequestExplanationIsAppliedWithAnUnknownResult() {
    garbled = "/v1/test/" + TEST_ID + "/explanations";

    assertThatThrownBy(() -> InsperaCaseOperations.requestExplanation(api, explanationRequest()))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> {
          assertThat(f.appliedUnknown()).isTrue();
          assertThat(f.code()).isEqualTo("UNREADABLE_ANSWER");
          assertThat(Wire.tree(f.known()).path("testId").asText()).isEqualTo(TEST_ID);
        });
  }

  @Test
  void anUnreadableAnswerToTheTestSearchStaysAPermanentFailureAndNothingIsRegistered() {
    garbled = "/v1/test/search";

    assertThatThrownBy(() -> InsperaCaseOperations.registerAppeal(api, appeal()))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> {
          assertThat(f.appliedUnknown()).isFalse();
          assertThat(f.retryable()).isFalse();
          assertThat(f.code()).isEqualTo("UNREADABLE_ANSWER");
        });
    assertThat(inspera.applied("appeal")).isEmpty();
  }

  private static Payload.RegisterAppeal appeal() {
    return new Payload.RegisterAppeal(VURD_ID, "501", LocalDate.parse("2026-12-15"), null, "K2", 1);
  }

  private static Payload.RequestExplanation explanationRequest() {
    return new Payload.RequestExplanation(VURD_ID, "501", LocalDate.parse("2026-12-01"));
  }
}
