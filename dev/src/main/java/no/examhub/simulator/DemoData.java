package no.examhub.simulator;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import no.examhub.access.ApiClient;
import no.examhub.access.ApiClientRepository;
import no.examhub.access.Scopes;
import no.examhub.event.ExamSystem;
import no.examhub.event.Partner;
import no.examhub.event.RosterEntry;
import no.examhub.event.Topics;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerCredentials;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.institution.PartnerSettings;
import no.examhub.institution.WebhookSecrets;
import no.examhub.partner.proctoring.AccessCodeKey;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.json.Json;
import no.examhub.platform.kafka.DurableProducer;
import no.examhub.simulator.archive.ArchiveSimulator;
import no.examhub.simulator.fs.FsSimulator;
import no.examhub.simulator.inspera.InsperaSimulator;
import no.examhub.simulator.metrica.MetricaSimulator;
import no.examhub.simulator.proview.ProviewSimulator;
import no.examhub.simulator.wiseflow.WiseflowSimulator;
import org.bson.Document;

/**
 * The demo institution of the embedded default ({@code demo}) and its partners' credentials,
 * created with fresh random values on first start and kept after that. Examhub itself stores only
 * hashes of what partners send in clear; the demo's clear values are kept apart, in the
 * {@code demo_credentials} collection, so that every start can print them and write the
 * credentials file the README's examples read. Production has no such collection.
 */
public final class DemoData {
  public static final String INSTITUTION = "demo";
  public static final String WISEFLOW_INSTITUTION = "demo-wiseflow";
  public static final String STANDARD_SOURCE = "demo-partner";
  /** The demo's proctored exam; its two candidates' access codes are fixed demo values, not secrets. */
  public static final String DEMO_EXAM = "demo-exam-1";
  public static final String DEMO_CANDIDATE = "10001";
  public static final String DEMO_ACCESS_CODE = "demo-access-1";
  public static final String DEMO_INSPERA_DOMAIN = InsperaSimulator.DEMO_DOMAIN;
  /** The demo's own Inspera tenant and Talview account; with the simulators every URL points at them. */
  static final PartnerSettings DEMO_PARTNERS = new PartnerSettings(
      new PartnerSettings.Inspera(DEMO_INSPERA_DOMAIN, "examhub-demo", null), null, null,
      new PartnerSettings.Proview(ProviewSimulator.APP_ID), null);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The clear values of the demo's credentials. */
  public record Credentials(String insperaSecret, String proctoringClientId, String proctoringClientSecret,
      String proviewToken, String standardSecret, String metricaPublisherToken, String metricaConsumerToken,
      String adminToken) {

    @Override
    public String toString() {
      return "Credentials[demo, values hidden]";
    }
  }

  private DemoData() {}

  /** Creates the demo institution and clients when they do not exist yet; returns their clear credentials. */
  public static Credentials seed(MongoDatabase database) {
    seedPartnerCredentials(database);
    MongoCollection<Document> clear = database.getCollection("demo_credentials");
    Document existing = clear.find(Filters.eq("_id", INSTITUTION)).first();
    if (existing != null) {
      existing.remove("_id");
      upgradePartners(new InstitutionRepository(database));
      return Json.read(existing.toJson(), Credentials.class);
    }
    Credentials credentials = new Credentials(random(24), "demo-examjoint", random(24), random(16),
        "whsec_" + Base64.getEncoder().encodeToString(bytes(32)), random(24), random(24), random(24));
    new InstitutionRepository(database).save(institution(credentials));
    ApiClientRepository clients = new ApiClientRepository(database);
    clients.save(client("demo-metrica", credentials.metricaPublisherToken(), Scopes.METRICA_PUBLISH));
    clients.save(client("demo-test-player", credentials.metricaConsumerToken(), Scopes.METRICA_QUEUE,
        Scopes.METRICA_READ, Scopes.METRICA_WRITE));
    clients.save(client("demo-operator", credentials.adminToken(), Scopes.ADMIN, Scopes.ERASURE));
    clear.insertOne(Document.parse(Json.string(credentials)).append("_id", INSTITUTION));
    return credentials;
  }

  /**
   * What Examhub presents to the simulated partners for the demo: fixed values the simulators
   * know, written on every start so they always match (they guard only loopback fakes).
   */
  static void seedPartnerCredentials(MongoDatabase database) {
    try (PartnerCredentialsRepository credentials = new PartnerCredentialsRepository(database, Duration.ofHours(1))) {
      credentials.save(new PartnerCredentials(INSTITUTION, Partner.INSPERA, null, InsperaSimulator.API_KEY));
      credentials.save(new PartnerCredentials(INSTITUTION, Partner.WISEFLOW, "", WiseflowSimulator.API_KEY));
      credentials.save(new PartnerCredentials(INSTITUTION, Partner.FS, FsSimulator.USERNAME, FsSimulator.PASSWORD));
      credentials.save(new PartnerCredentials(INSTITUTION, Partner.ARCHIVE, "", ArchiveSimulator.TOKEN));
      credentials.save(new PartnerCredentials(INSTITUTION, Partner.PROVIEW, ProviewSimulator.USERNAME,
          ProviewSimulator.PASSWORD));
      // Examhub's own Metrica account (EXAMHUB_METRICA_INSTITUTION defaults to the demo's with simulators).
      credentials.save(new PartnerCredentials(INSTITUTION, Partner.METRICA, null, MetricaSimulator.TOKEN));
    }
  }

  /**
   * A second demo institution on WISEflow (same institution number, so FS's simulator serves it
   * its WISEFLOW cases): the embedded default runs both exam systems' flows. Only the embedded
   * default seeds it; test hubs share one broker, where its commands would reach every hub.
   */
  public static void seedWiseflowDemo(MongoDatabase database) {
    new InstitutionRepository(database).save(new Institution(WISEFLOW_INSTITUTION, "9998", "9999",
        ExamSystem.WISEFLOW, "demo", "test", true, true, true, "", WebhookSecrets.NONE,
        new PartnerSettings(null, new PartnerSettings.Wiseflow(PartnerSettings.Wiseflow.STAGING,
            PartnerSettings.WiseflowAuth.OAUTH2, null, null), null, null, null)));
    try (PartnerCredentialsRepository credentials = new PartnerCredentialsRepository(database, Duration.ofHours(1))) {
      // OAuth2 client credentials, as WISEflow advises for production (the demo institution uses x-api-key).
      credentials.save(new PartnerCredentials(WISEFLOW_INSTITUTION, Partner.WISEFLOW, WiseflowSimulator.CLIENT_ID,
          WiseflowSimulator.CLIENT_SECRET));
      credentials.save(new PartnerCredentials(WISEFLOW_INSTITUTION, Partner.FS, FsSimulator.USERNAME, FsSimulator.PASSWORD));
      credentials.save(new PartnerCredentials(WISEFLOW_INSTITUTION, Partner.ARCHIVE, "", ArchiveSimulator.TOKEN));
    }
  }

  /** A demo kept from before institutions had partner settings gets the demo's. */
  private static void upgradePartners(InstitutionRepository institutions) {
    institutions.find(INSTITUTION).filter(i -> i.partners().inspera().domain().isEmpty())
        .ifPresent(i -> institutions.save(i.withPartners(DEMO_PARTNERS)));
  }

  static Institution institution(Credentials c) {
    WebhookSecrets secrets = new WebhookSecrets(java.util.List.of(c.insperaSecret()), c.proctoringClientId(),
        Hmac.sha256Hex(c.proctoringClientSecret()), Hmac.sha256Hex(c.proviewToken()),
        Map.of(STANDARD_SOURCE, List.of(c.standardSecret())));
    return new Institution(INSTITUTION, "9999", "9999", ExamSystem.INSPERA, "demo", "test",
        true, true, true, "", secrets, DEMO_PARTNERS);
  }

  private static ApiClient client(String id, String token, String... scopes) {
    return new ApiClient(id, Hmac.sha256Hex(token), Set.of(scopes), null, "demo client of the embedded default");
  }

  /** One entry per source and client, so scripts can read what they need with jq. */
  public static Path writeCredentials(Path dataDir, Credentials c, String base) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("institution", INSTITUTION);
    file.put("baseUrl", base);
    file.put("inspera", Map.of("url", base + "/webhooks/inspera/" + INSTITUTION,
        "signatureHeader", "X-Inspera-Signature", "secret", c.insperaSecret()));
    file.put("proctoring", Map.of("url", base + "/webhooks/proctoring/" + INSTITUTION,
        "clientId", c.proctoringClientId(), "clientSecret", c.proctoringClientSecret()));
    file.put("proview", Map.of("url", base + "/webhooks/proview/" + INSTITUTION + "/" + c.proviewToken()));
    file.put("standard", Map.of("url", base + "/webhooks/standard/" + INSTITUTION + "/" + STANDARD_SOURCE,
        "secret", c.standardSecret()));
    file.put("metricaPublisher", Map.of("baseUrl", base + "/metrica", "token", c.metricaPublisherToken()));
    file.put("metricaConsumer", Map.of("baseUrl", base + "/metrica", "token", c.metricaConsumerToken()));
    file.put("operator", Map.of("baseUrl", base + "/api", "token", c.adminToken()));
    file.computeIfPresent("proctoring", (key, vendor) -> withDemoRoster((Map<?, ?>) vendor));
    Path path = dataDir.resolve("demo-credentials.json");
    try {
      Files.createDirectories(dataDir);
      Files.write(path, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(file));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + path, e);
    }
    return path;
  }

  /** The vendor's entry plus a candidate a respondent can enter {@link #DEMO_EXAM} with. */
  private static Map<Object, Object> withDemoRoster(Map<?, ?> vendor) {
    Map<Object, Object> entry = new LinkedHashMap<>(vendor);
    entry.put("roster", Map.of("examId", DEMO_EXAM, "candidateId", DEMO_CANDIDATE, "accessCode", DEMO_ACCESS_CODE));
    return entry;
  }

  /** Writes the demo exam's roster (two candidates, codes keyed) and waits for the broker's ack. */
  public static void writeRoster(DurableProducer producer, Duration timeout, AccessCodeKey key) {
    List<RosterEntry> roster = List.of(
        demoCandidate(DEMO_CANDIDATE, key.mac(DEMO_ACCESS_CODE), "Ada Demo", "Seat A1"),
        demoCandidate("10002", key.mac("demo-access-2"), "Bo Demo", "Seat A2"));
    CompletableFuture.allOf(roster.stream().map(e -> producer.send(Topics.ROSTER, e.key(), e))
        .toArray(CompletableFuture[]::new)).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  private static RosterEntry demoCandidate(String candidateId, String accessCodeMac, String name, String data) {
    return new RosterEntry(INSTITUTION, DEMO_EXAM, candidateId, accessCodeMac, name,
        candidateId + "@demo.examhub.invalid", "https://demo.examhub.invalid/photos/" + candidateId + ".jpg",
        "Demo candidate of the embedded default", data, 0, 1);
  }

  private static String random(int size) {
    return HexFormat.of().formatHex(bytes(size));
  }

  private static byte[] bytes(int size) {
    byte[] b = new byte[size];
    RANDOM.nextBytes(b);
    return b;
  }
}
