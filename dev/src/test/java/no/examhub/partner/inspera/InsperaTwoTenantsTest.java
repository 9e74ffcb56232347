package no.examhub.partner.inspera;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.Operations;
import no.examhub.event.Outcome;
import no.examhub.event.Partner;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerSettings;
import no.examhub.institution.WebhookSecrets;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.simulator.inspera.InsperaDemoTests;
import no.examhub.simulator.inspera.InsperaSimulator;
import no.examhub.simulator.inspera.InsperaTenant;
import no.examhub.testing.TestHub;
import no.examhub.testing.TopicReader;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two institutions on two Inspera tenants in one Examhub: each command reaches its own tenant with its own key. */
class InsperaTwoTenantsTest {
  private static final String RUN = java.util.UUID.randomUUID().toString();
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_CONFIG_REFRESH", "PT0.2S",
      "EXAMHUB_FS_URL", "http://127.0.0.1:9/fs", "EXAMHUB_FS_POLL_INTERVAL", "PT1H"));
  private static InsperaSimulator inspera;
  private static InsperaTenant nokut;

  @BeforeAll
  static void start() {
    inspera = hub.simulators().orElseThrow().inspera();
    nokut = inspera.addTenant("nokut.inspera.no", "examhub-nokut").withApiKey("nokut-integration-key");
    try (MongoClient client = MongoClients.create(hub.mongoUri());
        PartnerCredentialsRepository credentials = new PartnerCredentialsRepository(client.getDatabase("examhub"),
            Duration.ofHours(1))) {
      new InstitutionRepository(client.getDatabase("examhub")).save(new Institution("nokut", "7777", "7777",
          ExamSystem.INSPERA, "nokut", "prod", true, true, true, "", WebhookSecrets.NONE,
          new PartnerSettings(new PartnerSettings.Inspera("nokut.inspera.no", "examhub-nokut", null), null, null,
              null, null)));
      credentials.save(new PartnerCredentials("nokut", Partner.INSPERA, null, "nokut-integration-key"));
    }
  }

  @Test
  void eachInstitutionsCommandIsCarriedOutOnItsOwnTenant() throws Exception {
    nokut.putTest(InsperaDemoTests.test("88001", "NOKUT-EXAM", "Nokut exam", "EXAM",
        List.of(InsperaDemoTests.candidate("701", 8_800_701, "A", List.of()))));
    Command onNokut = command("nokut", "88001");
    Command onDemo = command("demo", InsperaDemoTests.THESIS_TEST);
    // The credentials snapshot is refreshed within EXAMHUB_CONFIG_REFRESH: retried until then.
    Thread.sleep(1500);

    try (DurableProducer producer = new DurableProducer(hub.hub().bootstrapServers(), "two-tenants", 5000,
        new SimpleMeterRegistry())) {
      producer.send(Topics.COMMANDS_INSPERA, "nokut/88001", onNokut).get();
      producer.send(Topics.COMMANDS_INSPERA, "demo/" + InsperaDemoTests.THESIS_TEST, onDemo).get();
    }

    assertThat(Wire.result(outcome(onNokut)).path("title").asText()).isEqualTo("Nokut exam");
    assertThat(Wire.result(outcome(onDemo)).path("title").asText()).isEqualTo("Masteroppgave i informatikk");
    assertThat(nokut.exchanges()).isNotEmpty().allSatisfy(e -> assertThat(e.query()).contains("client_id=examhub-nokut"));
    assertThat(inspera.script().calls()).anySatisfy(c -> assertThat(c.path())
        .isEqualTo("/inspera/nokut.inspera.no/api/v1/test/88001"));
  }

  private static Command command(String institution, String testId) {
    return Wire.command(institution, Partner.INSPERA, Operations.FETCH_TEST_METADATA,
        // The run makes the command id this test's own: the demo's commands recur on the shared broker.
        Json.MAPPER.createObjectNode().put("testId", testId).put("run", RUN), "two-tenants", Instant.now());
  }

  private static Outcome outcome(Command c) {
    List<Outcome> found = TopicReader.readUntil(hub.hub().bootstrapServers(), Topics.OUTCOMES,
        o -> o.commandId().equals(c.commandId()), 1, Duration.ofSeconds(60));
    assertThat(found).hasSize(1);
    assertThat(found.get(0).success()).as(found.get(0).errorCode() + " " + found.get(0).reason()).isTrue();
    return found.get(0);
  }
}
