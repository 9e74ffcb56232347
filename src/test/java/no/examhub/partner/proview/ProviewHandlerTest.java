package no.examhub.partner.proview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.Command;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.platform.json.Json;
import no.examhub.simulator.proview.ProviewSimulator;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fetching a terminated session's rating from Proview (seed 002), through dispatch. */
class ProviewHandlerTest {
  private static TestHub hub;
  private static ProviewSimulator proview;

  @BeforeAll
  static void start() {
    hub = TestHub.start();
    proview = hub.hub().simulators().orElseThrow().proview();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void fetchSessionLogsInFetchesTheRatingAndReportsItAsAnOutcome() throws Exception {
    Command fetch = fetchSession(UUID.randomUUID().toString());

    Outcome outcome = outcomeOf(fetch);

    assertThat(outcome.success()).isTrue();
    assertThat(outcome.result().path("final_rating").asText()).isEqualTo("high");
    assertThat(outcome.result().path("status").asText()).isEqualTo("completed");
    assertThat(outcome.result().path("external_id").asText()).isEqualTo("5506693");
    assertThat(outcome.result().path("system_info").path("browser").asText()).isEqualTo("Chrome");
    assertThat(proview.script().calls()).anySatisfy(call -> {
      assertThat(call.path()).endsWith("/v1/sessions/" + fetch.payload().path("sessionUuid").asText());
      assertThat(call.idempotencyKey()).isEqualTo(fetch.commandId());
    });
  }

  @Test
  void anExpiredTokenIsReplacedByLoggingInAgain() throws Exception {
    outcomeOf(fetchSession(UUID.randomUUID().toString()));
    proview.expireTokens();
    int loginsBefore = logins();

    Outcome second = outcomeOf(fetchSession(UUID.randomUUID().toString()));

    assertThat(second.success()).isTrue();
    assertThat(logins()).isEqualTo(loginsBefore + 1);
  }

  private static int logins() {
    return (int) proview.script().calls().stream().filter(c -> c.path().endsWith("/login")).count();
  }

  private static Command fetchSession(String uuid) throws Exception {
    Command c = Command.of("demo", Partner.PROVIEW, ProviewHandler.FETCH_SESSION,
        Json.MAPPER.valueToTree(Map.of("sessionUuid", uuid, "externalId", "5506693")), "test", Instant.now());
    try (var producer = new no.examhub.platform.kafka.DurableProducer(hub.hub().bootstrapServers(), "proview-test",
        5000, new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
      producer.send(Topics.COMMANDS_PROVIEW, "demo/" + uuid, c).get();
    }
    return c;
  }

  private static Outcome outcomeOf(Command c) {
    List<Outcome> found = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.OUTCOMES,
        o -> o.commandId().equals(c.commandId()), 1, Duration.ofSeconds(30));
    assertThat(found).as("outcome of " + c.operation()).hasSize(1);
    return found.get(0);
  }
}
