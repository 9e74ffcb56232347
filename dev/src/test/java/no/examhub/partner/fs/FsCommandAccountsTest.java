package no.examhub.partner.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.Operations;
import no.examhub.event.Partner;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.institution.PartnerSettings;
import no.examhub.platform.json.Json;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.fs.FsSimulator;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FS writes per institution, against the two FS servers: each institution's commands go to its own
 * environment's server as its own FSWS user, and appeal decisions are sent only where the
 * institution configured where FS takes them.
 */
class FsCommandAccountsTest {
  private static final String DECISIONS = "/eksamen/klager/{examSystem}/vedtak";

  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final MongoClient mongoClient = MongoClients.create(mongo.uri());
  private final MongoDatabase database = mongoClient.getDatabase("examhub");
  private final FsSimulator test = new FsSimulator(FsSimulator.TEST);
  private final FsSimulator prod = new FsSimulator(FsSimulator.PROD);
  private FsServer server;
  private InstitutionDirectory institutions;
  private PartnerCredentialsRepository credentials;
  private FsCommandHandler handler;

  @BeforeEach
  void start() {
    test.addUser("uio-test", "uio-test-pw", "185");
    prod.addUser("uio-prod", "uio-prod-pw", "185");
    prod.addUser("nmbu-prod", "nmbu-prod-pw", "192");
    server = FsServer.start(test, prod);
    InstitutionRepository repository = new InstitutionRepository(database);
    repository.save(institution("uio", "185", "prod", DECISIONS));
    repository.save(institution("nmbu", "192", "prod", ""));
    repository.save(institution("hiof", "211", "test", DECISIONS));
    credentials = new PartnerCredentialsRepository(database, Duration.ofMinutes(1));
    credentials.save(new PartnerCredentials("uio", Partner.FS, "uio-prod", "uio-prod-pw"));
    credentials.save(new PartnerCredentials("nmbu", Partner.FS, "nmbu-prod", "nmbu-prod-pw"));
    institutions = new InstitutionDirectory(repository, Duration.ofMinutes(1));
    handler = new FsCommandHandler(new PartnerHttp(Duration.ofSeconds(2), Duration.ofSeconds(5)), institutions,
        new FsAccounts(new PartnerEndpoints(new PartnerEndpoints.Overrides("", "", "", "", "", "",
            Optional.of(server.root()))), credentials));
  }

  @AfterEach
  void stop() {
    institutions.close();
    credentials.close();
    server.close();
    mongoClient.close();
    mongo.close();
  }

  @Test
  void withAnAppealDecisionPathTheDecisionIsPostedToTheInstitutionsOwnServerAsItsOwnUser() throws Exception {
    JsonNode result = Wire.tree(handler.execute(decision("uio", "101")));

    assertThat(result.path("sent").asBoolean()).isTrue();
    assertThat(prod.registeredAppealDecisions()).singleElement().satisfies(d -> assertThat(d)
        .containsEntry("vurdId", "INF1000-2026H").containsEntry("kandidatnr", "101")
        .containsEntry("datoVedtak", "2026-12-01T09:30:00Z"));
    assertThat(prod.script().calls()).extracting(c -> c.method() + " " + c.path())
        .containsExactly("POST /fs/prod/eksamen/klager/INSPERA/vedtak");
    assertThat(test.registeredAppealDecisions()).isEmpty();
  }

  @Test
  void withoutAnAppealDecisionPathNothingIsSentAndTheResultSaysSo() throws Exception {
    JsonNode result = Wire.tree(handler.execute(decision("nmbu", "102")));

    assertThat(result.path("sent").asBoolean(true)).isFalse();
    assertThat(result.path("note").asText()).isEqualTo(FsCommandHandler.NOT_SENT);
    assertThat(prod.script().calls()).isEmpty();
    assertThat(test.script().calls()).isEmpty();
  }

  @Test
  void anExplanationIsRegisteredOnTheProductionServerForAnInstitutionInProduction() throws Exception {
    handler.execute(Wire.command("nmbu", Partner.FS, Operations.REGISTER_EXPLANATION, Json.MAPPER.createObjectNode()
        .put("examSystem", "INSPERA").put("vurdId", "BIO100").put("kandidatnr", "7"), "test", Instant.now()));

    assertThat(prod.registeredExplanations()).singleElement().satisfies(b -> assertThat(b).containsEntry("vurdId", "BIO100"));
    assertThat(test.registeredExplanations()).isEmpty();
  }

  @Test
  void anInstitutionWithoutAnFswsUserIsAPermanentFailureWithACode() {
    assertThatThrownBy(() -> handler.execute(decision("hiof", "103")))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> {
          assertThat(f.code()).isEqualTo(FsAccounts.NO_CREDENTIALS);
          assertThat(f.retryable()).isFalse();
        });
    assertThat(test.script().calls()).isEmpty();
  }

  @Test
  void theTestServersUserIsRefusedByProductionAsFsWould() {
    credentials.save(new PartnerCredentials("uio", Partner.FS, "uio-test", "uio-test-pw"));

    assertThatThrownBy(() -> handler.execute(decision("uio", "104")))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> assertThat(f.code()).isEqualTo("401"));
    assertThat(prod.registeredAppealDecisions()).isEmpty();
  }

  private static Institution institution(String name, String number, String fsEnv, String decisionPath) {
    return new Institution(name, number, number, ExamSystem.INSPERA, name, fsEnv, true, true, true, "", null,
        new PartnerSettings(null, null, new PartnerSettings.Fs(decisionPath), null, null));
  }

  private static Command decision(String institution, String kandidatnr) {
    return Wire.command(institution, Partner.FS, Operations.REGISTER_APPEAL_DECISION, Json.MAPPER.createObjectNode()
        .put("examSystem", "INSPERA").put("vurdId", "INF1000-2026H").put("kandidatnr", kandidatnr)
        .put("decidedAt", "2026-12-01T09:30:00Z"), "test", Instant.now());
  }
}
