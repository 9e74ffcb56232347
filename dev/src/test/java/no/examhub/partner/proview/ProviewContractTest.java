package no.examhub.partner.proview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import no.examhub.dispatch.PartnerHttp;
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
import no.examhub.testing.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Talview Proview's contract (seed 002, ../shared/partners/README.md), pinned against what Examhub
 * sends to a server that records every request, not the simulator:
 * <ul>
 *   <li>{@code POST /v1/user/login} with a JSON body {@code {"username", "password"}} of the
 *       institution's Talview account; the answer's {@code access_token} and {@code expires_in};</li>
 *   <li>{@code GET /v1/sessions/{uuid}} with {@code Authorization: Bearer <access_token>} and the
 *       account's white-listed {@code app-id}.</li>
 * </ul>
 */
class ProviewContractTest {
  private static final String UUID = "f46bd560-53f6-11eb-b441-492a960aa0ba";

  /** A request as Talview would receive it. */
  record Received(String method, String path, String contentType, JsonNode body, String authorization, String appId) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final MongoClient mongoClient = MongoClients.create(mongo.uri());
  private final MongoDatabase database = mongoClient.getDatabase("examhub");
  private Javalin talview;
  private InstitutionDirectory institutions;
  private PartnerCredentialsRepository credentials;

  @BeforeEach
  void start() {
    talview = Javalin.create(cfg -> cfg.routes.before(ctx -> {
      JsonNode body = ctx.body().isEmpty() ? null : Json.MAPPER.readTree(ctx.body());
      received.add(new Received(ctx.method().name(), ctx.path(), ctx.contentType(), body, ctx.header("Authorization"),
          ctx.header("app-id")));
      // Seed 002's answers, verbatim in shape.
      ctx.contentType("application/json").result(ctx.path().endsWith("/v1/user/login")
          ? "{\"access_token\": \"eyJ0eXAi.token\", \"refresh_token\": \"def50200\", \"grant_type\": \"Bearer\","
              + " \"expires_in\": 10800}"
          : "{\"id\": 188, \"uuid\": \"" + UUID + "\", \"external_id\": \"5506693\", \"final_rating\": \"high\","
              + " \"status\": \"completed\", \"session_started_at\": \"2022-05-05T11:38:26.231Z\"}");
      ctx.skipRemainingHandlers();
    })).start("127.0.0.1", 0);
    InstitutionRepository repository = new InstitutionRepository(database);
    repository.save(new Institution("ntnu", "ntnu", "194", ExamSystem.INSPERA, "ntnu", "test", true, true, true, "",
        null, new PartnerSettings(null, null, null, new PartnerSettings.Proview("ntnu-app-id"), null)));
    credentials = new PartnerCredentialsRepository(database, Duration.ofMinutes(1));
    credentials.save(new PartnerCredentials("ntnu", Partner.PROVIEW, "proctor-admin@ntnu.example", "s3cret"));
    institutions = new InstitutionDirectory(repository, Duration.ofMinutes(1));
  }

  @AfterEach
  void stop() {
    institutions.close();
    credentials.close();
    talview.stop();
    mongoClient.close();
    mongo.close();
  }

  @Test
  void aSessionIsFetchedWithTheBearerTokenOfTheAccountsLoginAndItsAppId() throws Exception {
    String base = "http://127.0.0.1:" + talview.port() + "/talview";
    ProviewHandler handler = new ProviewHandler(new PartnerHttp(Duration.ofSeconds(2), Duration.ofSeconds(5)),
        institutions, credentials, new PartnerEndpoints(new PartnerEndpoints.Overrides("", "", "", "", base, "",
            Optional.empty())), Clock.systemUTC());

    JsonNode result = Wire.tree(handler.execute(Wire.command("ntnu", Partner.PROVIEW, Operations.FETCH_SESSION,
        Json.MAPPER.createObjectNode().put("sessionUuid", UUID), "test", Instant.now())));

    assertThat(received).hasSize(2);
    Received login = received.get(0);
    assertThat(login.method() + " " + login.path()).isEqualTo("POST /talview/v1/user/login");
    assertThat(login.contentType()).startsWith("application/json");
    assertThat(login.body()).isEqualTo(Json.MAPPER.readTree(
        "{\"username\": \"proctor-admin@ntnu.example\", \"password\": \"s3cret\"}"));
    Received session = received.get(1);
    assertThat(session.method() + " " + session.path()).isEqualTo("GET /talview/v1/sessions/" + UUID);
    assertThat(session.authorization()).isEqualTo("Bearer eyJ0eXAi.token");
    assertThat(session.appId()).isEqualTo("ntnu-app-id");
    assertThat(result.path("final_rating").asText()).isEqualTo("high");
  }
}
