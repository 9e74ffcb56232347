package no.examhub.partner.proview;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.Command;
import no.examhub.event.FailedCommand;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.platform.json.Json;
import no.examhub.simulator.proview.ProviewSimulator;
import no.examhub.testing.Commands;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fetching a terminated session's rating from Proview (seed 002), through dispatch, with the demo
 * institution's own Talview account; a callback naming a session of another Talview account is
 * dead-lettered and files no rating.
 */
class ProviewHandlerTest {
  @RegisterExtension
  static final TestHub hub = TestHub.perClass();
  private static ProviewSimulator proview;

  @BeforeAll
  static void start() {
    proview = hub.simulators().orElseThrow().proview();
  }

  @Test
  void fetchSessionLogsInFetchesTheRatingAndReportsItAsAnOutcome() throws Exception {
    Command fetch = fetchSession(UUID.randomUUID().toString());

    Outcome outcome = Commands.outcomeOf(hub, fetch);

    assertThat(outcome.success()).isTrue();
    assertThat(Wire.result(outcome).path("final_rating").asText()).isEqualTo("high");
    assertThat(Wire.result(outcome).path("status").asText()).isEqualTo("completed");
    assertThat(Wire.result(outcome).path("external_id").asText()).isEqualTo("5506693");
    assertThat(Wire.result(outcome).path("system_info").path("browser").asText()).isEqualTo("Chrome");
    assertThat(proview.script().calls()).anySatisfy(call -> {
      assertThat(call.path()).endsWith("/v1/sessions/" + Wire.payload(fetch).path("sessionUuid").asText());
      assertThat(call.idempotencyKey()).isEqualTo(fetch.commandId());
    });
  }

  @Test
  void anExpiredTokenIsReplacedByLoggingInAgain() throws Exception {
    Commands.outcomeOf(hub, fetchSession(UUID.randomUUID().toString()));
    proview.expireTokens();
    int loginsBefore = logins();

    Outcome second = Commands.outcomeOf(hub, fetchSession(UUID.randomUUID().toString()));

    assertThat(second.success()).isTrue();
    assertThat(logins()).isEqualTo(loginsBefore + 1);
  }

  @Test
  void aCallbackToOneInstitutionNamingAnotherAccountsSessionIsDeadLetteredAndFilesNoRating() {
    String theirs = UUID.randomUUID().toString();
    proview.addAccount("admin@other.example", "other-password", "other-app-id");
    proview.addSession("admin@other.example", theirs, "OTHER-77", "low");

    HttpResponse<String> answer = Http.post(hub.baseUrl() + "/webhooks/proview/demo/" + hub.demo().proviewToken(),
        "{\"message\": \"Session Has Been Terminated\", \"external_id\": \"OTHER-77\", \"session_uuid\": \""
            + theirs + "\"}", Map.of("Content-Type", "application/json"));
    assertThat(answer.statusCode()).isEqualTo(200);

    List<FailedCommand> dead = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.COMMAND_DEAD_LETTERS,
        f -> theirs.equals(Wire.payload(f.command()).path("sessionUuid").asText()), 1, Duration.ofSeconds(30));
    assertThat(dead).singleElement().satisfies(f -> {
      assertThat(f.command().institution()).isEqualTo("demo");
      assertThat(f.errorCode()).isEqualTo(ProviewHandler.NOT_OURS);
      assertThat(f.attempts()).as("not retried").isEqualTo(1);
    });
    assertThat(TopicReader.readAll(hub.hub().bootstrapServers(), Topics.PROCTORING_RESULTS))
        .extracting(e -> e.getValue().respondentId()).doesNotContain(theirs);
  }

  private static int logins() {
    return (int) proview.script().calls().stream().filter(c -> c.path().endsWith("/login")).count();
  }

  private static Command fetchSession(String uuid) throws Exception {
    Command c = Wire.command("demo", Partner.PROVIEW, Operations.FETCH_SESSION,
        Json.MAPPER.valueToTree(Map.of("sessionUuid", uuid, "externalId", "5506693")), "test", Instant.now());
    try (var producer = new no.examhub.platform.kafka.DurableProducer(hub.hub().bootstrapServers(), "proview-test",
        5000, new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
      producer.send(Topics.COMMANDS_PROVIEW, "demo/" + uuid, c).get();
    }
    return c;
  }
}
