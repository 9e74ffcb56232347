package no.examhub.partner.wiseflow;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import no.examhub.dispatch.PartnerFailure;
import no.examhub.dispatch.PartnerHttp;
import no.examhub.event.Command;
import no.examhub.event.ExamSystem;
import no.examhub.event.Partner;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerEndpoints;
import no.examhub.institution.PartnerSettings;
import no.examhub.institution.WebhookSecrets;
import no.examhub.platform.http.ErrorContract;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.wiseflow.WiseflowSimulator;
import no.examhub.testing.Commands;
import no.examhub.testing.Wire;

/**
 * The WISEflow client against the WISEflow simulator on a port, with no Kafka: institutions and
 * credentials in an in-memory store, no endpoint override (each institution's own
 * {@code partners.wiseflow.server} is the simulator's URL), and every HTTP exchange recorded as the
 * simulator saw it, for the contract test.
 */
final class WiseflowRig implements AutoCloseable {
  /** One request as the simulator received it and the answer it gave. */
  record Exchange(String method, String path, Map<String, String> query, Map<String, String> headers,
      String contentType, String body, int status, String answerType, String answer) {}

  final WiseflowSimulator wiseflow = new WiseflowSimulator();
  final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final Javalin app;
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory();
  private final MongoClient client = MongoClients.create(mongo.uri());
  private final InstitutionRepository institutions;
  private final InstitutionDirectory directory;
  private final PartnerCredentialsRepository credentials;
  final WiseflowHandler handler;
  /** Answers on paths containing this are replaced by a page that is not JSON, status kept. */
  volatile String garbled;

  WiseflowRig() {
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      ErrorContract.register(cfg.routes);
      wiseflow.register(cfg.routes);
      cfg.routes.after(ctx -> {
        String garble = garbled;
        if (garble != null && ctx.path().contains(garble)) {
          ctx.result("<html>a proxy answered instead</html>"); // after the simulator applied the call
        }
        Map<String, String> query = new java.util.LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, v.get(0)));
        exchanges.add(new Exchange(ctx.method().name(), ctx.path(), query, ctx.headerMap(), ctx.contentType(),
            ctx.body(), ctx.statusCode(), ctx.res().getContentType(), ctx.result()));
      });
    }).start("127.0.0.1", 0);
    MongoDatabase db = client.getDatabase("examhub");
    institutions = new InstitutionRepository(db);
    directory = new InstitutionDirectory(institutions, Duration.ofHours(1));
    credentials = new PartnerCredentialsRepository(db, Duration.ofHours(1));
    handler = new WiseflowHandler(new PartnerHttp(Duration.ofSeconds(2), Duration.ofSeconds(5)),
        new PartnerEndpoints(PartnerEndpoints.Overrides.NONE), directory, credentials,
        Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
  }

  String url() {
    return "http://127.0.0.1:" + app.port() + WiseflowSimulator.BASE;
  }

  /** An institution on the simulated licence, with its auth and credentials (null for none). */
  void institution(String shortName, PartnerSettings.WiseflowAuth auth, String candidateIdName, String username,
      String secret) {
    institutions.save(new Institution(shortName, "org-" + shortName, "1" + shortName.length(), ExamSystem.WISEFLOW,
        shortName, "test", true, true, true, "", WebhookSecrets.NONE, new PartnerSettings(null,
            new PartnerSettings.Wiseflow(url(), auth, null, candidateIdName), null, null, null)));
    directory.refresh();
    if (secret != null) {
      credentials.save(new PartnerCredentials(shortName, Partner.WISEFLOW, username, secret));
    }
  }

  void apiKeyInstitution(String shortName) {
    institution(shortName, PartnerSettings.WiseflowAuth.API_KEY, null, "", WiseflowSimulator.API_KEY);
  }

  void oauthInstitution(String shortName) {
    institution(shortName, PartnerSettings.WiseflowAuth.OAUTH2, null, WiseflowSimulator.CLIENT_ID,
        WiseflowSimulator.CLIENT_SECRET);
  }

  com.fasterxml.jackson.databind.JsonNode run(String institution, String operation, Object... namesAndValues)
      throws PartnerFailure {
    Command c = Commands.forInstitution(institution, Partner.WISEFLOW, operation, namesAndValues);
    return Wire.tree(handler.execute(c));
  }

  /** {@code METHOD /path} of each exchange, the simulator's base left out. */
  List<String> calls() {
    return exchanges.stream().map(e -> e.method() + " " + e.path().substring(WiseflowSimulator.BASE.length())).toList();
  }

  @Override
  public void close() {
    app.stop();
    directory.close();
    credentials.close();
    client.close();
    mongo.close();
  }
}
