package no.examhub.partner.proview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
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
import no.examhub.platform.http.ErrorContract;
import no.examhub.platform.json.Json;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.proview.ProviewSimulator;
import no.examhub.testing.MovableClock;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proview per institution, against the simulator on a port: each institution logs in with its own
 * Talview account and sends its own app-id; a token is kept per account until shortly before it
 * expires; a session is fetched only with the account that owns it.
 */
class ProviewAccountsTest {
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final MongoClient mongoClient = MongoClients.create(mongo.uri());
  private final MongoDatabase database = mongoClient.getDatabase("examhub");
  private final ProviewSimulator proview = new ProviewSimulator();
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T08:00:00Z"));
  private final String ntnuSession = UUID.randomUUID().toString();
  private final String uibSession = UUID.randomUUID().toString();
  private Javalin server;
  private InstitutionDirectory institutions;
  private PartnerCredentialsRepository credentials;
  private ProviewHandler handler;

  @BeforeEach
  void start() {
    proview.addAccount("admin@ntnu.example", "ntnu-pw", "ntnu-app");
    proview.addAccount("admin@uib.example", "uib-pw", "uib-app");
    proview.addSession("admin@ntnu.example", ntnuSession, "NTNU-1", "medium");
    proview.addSession("admin@uib.example", uibSession, "UIB-1", "low");
    server = Javalin.create(cfg -> {
      ErrorContract.register(cfg.routes);
      proview.register(cfg.routes);
    }).start("127.0.0.1", 0);
    InstitutionRepository repository = new InstitutionRepository(database);
    repository.save(institution("ntnu", "ntnu-app"));
    repository.save(institution("uib", "uib-app"));
    repository.save(institution("noaccount", "some-app"));
    credentials = new PartnerCredentialsRepository(database, Duration.ofMinutes(1));
    credentials.save(new PartnerCredentials("ntnu", Partner.PROVIEW, "admin@ntnu.example", "ntnu-pw"));
    credentials.save(new PartnerCredentials("uib", Partner.PROVIEW, "admin@uib.example", "uib-pw"));
    institutions = new InstitutionDirectory(repository, Duration.ofMinutes(1));
    handler = new ProviewHandler(new PartnerHttp(Duration.ofSeconds(2), Duration.ofSeconds(5)), institutions,
        credentials, new PartnerEndpoints(new PartnerEndpoints.Overrides("", "", "", "", "", "",
            Optional.of("http://127.0.0.1:" + server.port()))), clock);
  }

  @AfterEach
  void stop() {
    institutions.close();
    credentials.close();
    server.stop();
    mongoClient.close();
    mongo.close();
  }

  @Test
  void eachInstitutionFetchesItsOwnSessionWithItsOwnAccount() throws Exception {
    assertThat(Wire.tree(handler.execute(fetch("ntnu", ntnuSession))).path("final_rating").asText()).isEqualTo("medium");
    assertThat(Wire.tree(handler.execute(fetch("uib", uibSession))).path("external_id").asText()).isEqualTo("UIB-1");

    assertThat(logins()).isEqualTo(2);
  }

  @Test
  void aSessionOfAnotherInstitutionsAccountIsNotOursAndPermanent() {
    assertThatThrownBy(() -> handler.execute(fetch("ntnu", uibSession)))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> {
          assertThat(f.code()).isEqualTo(ProviewHandler.NOT_OURS);
          assertThat(f.retryable()).isFalse();
        });
  }

  @Test
  void theTokenIsReusedUntilShortlyBeforeExpiresInThenRenewed() throws Exception {
    handler.execute(fetch("ntnu", ntnuSession));
    clock.advance(Duration.ofSeconds(10800).minus(ProviewTokens.RENEW_BEFORE_EXPIRY).minusSeconds(1));
    handler.execute(fetch("ntnu", ntnuSession));
    assertThat(logins()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));
    handler.execute(fetch("ntnu", ntnuSession));
    assertThat(logins()).isEqualTo(2);
  }

  @Test
  void aRefusedTokenIsReplacedByOneNewLogin() throws Exception {
    handler.execute(fetch("uib", uibSession));
    proview.expireTokens();

    JsonNode again = Wire.tree(handler.execute(fetch("uib", uibSession)));

    assertThat(again.path("final_rating").asText()).isEqualTo("low");
    assertThat(logins()).isEqualTo(2);
  }

  @Test
  void anInstitutionWithoutATalviewAccountIsAPermanentFailureWithACode() {
    assertThatThrownBy(() -> handler.execute(fetch("noaccount", ntnuSession)))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> assertThat(f.code()).isEqualTo("NO_PROVIEW_CREDENTIALS"));
    assertThat(logins()).isZero();
  }

  @Test
  void theAppIdSentIsTheInstitutionsOwn() {
    new InstitutionRepository(database).save(institution("uib", "ntnu-app"));
    institutions.close();
    institutions = new InstitutionDirectory(new InstitutionRepository(database), Duration.ofMinutes(1));
    ProviewHandler withWrongAppId = new ProviewHandler(new PartnerHttp(Duration.ofSeconds(2), Duration.ofSeconds(5)),
        institutions, credentials, new PartnerEndpoints(new PartnerEndpoints.Overrides("", "", "", "", "", "",
            Optional.of("http://127.0.0.1:" + server.port()))), Clock.systemUTC());

    assertThatThrownBy(() -> withWrongAppId.execute(fetch("uib", uibSession)))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> assertThat(f.code()).isEqualTo("403"));
  }

  private long logins() {
    return proview.script().calls().stream().filter(c -> c.path().endsWith("/v1/user/login")).count();
  }

  private static Institution institution(String name, String appId) {
    return new Institution(name, name, "1", ExamSystem.INSPERA, name, "test", true, true, true, "", null,
        new PartnerSettings(null, null, null, new PartnerSettings.Proview(appId), null));
  }

  private static Command fetch(String institution, String uuid) {
    return Wire.command(institution, Partner.PROVIEW, Operations.FETCH_SESSION, Json.MAPPER.createObjectNode()
        .put("sessionUuid", uuid), "test", Instant.now());
  }
}
