package no.examhub.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import no.examhub.access.ApiClientDirectory;
import no.examhub.access.ApiClientRepository;
import no.examhub.access.BearerAuth;
import no.examhub.flow.proctoring.RosterStore;
import no.examhub.ingress.RawIngress;
import no.examhub.institution.InstitutionDirectory;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.PartnerCredentialsRepository;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.http.HttpRoutes;
import no.examhub.platform.http.HttpServer;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.DemoData;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a route class needs, without a broker or a hub: the demo institution and its clients in an
 * in-memory store, the directories over it, and a {@link RecordingWriter} where the broker would
 * be. {@link #app} builds the server as Examhub does, unstarted, for
 * {@code JavalinTest.test(app, (server, client) -> ...)}:
 * <pre>{@code
 * @RegisterExtension
 * static final RouteApp routes = RouteApp.perClass();
 * }</pre>
 * Settings are the documented defaults ({@link ExamhubConfig#defaults()}) with a class's own over them.
 */
public final class RouteApp implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> settings;
  private final Consumer<MongoDatabase> seed;
  private ExamhubConfig config;
  private EmbeddedMongo mongo;
  private MongoClient client;
  private MongoDatabase database;
  private DemoData.Credentials demo;
  private InstitutionDirectory institutions;
  private ApiClientDirectory clients;
  private PartnerCredentialsRepository credentials;
  private RecordingWriter writer;
  private MeterRegistry registry;
  private RawIngress ingress;

  private RouteApp(Map<String, String> settings, Consumer<MongoDatabase> seed) {
    this.settings = Map.copyOf(settings);
    this.seed = seed;
  }

  public static RouteApp perClass() {
    return perClass(Map.of());
  }

  /** With these settings over the defaults. */
  public static RouteApp perClass(Map<String, String> settings) {
    return new RouteApp(settings, db -> {});
  }

  /** The store seeded so as well, after the demo. */
  public RouteApp seeded(Consumer<MongoDatabase> more) {
    return new RouteApp(settings, more);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    config = ExamhubConfig.from(settings);
    mongo = EmbeddedMongo.inMemory();
    client = MongoClients.create(mongo.uri());
    database = client.getDatabase("examhub");
    demo = DemoData.seed(database);
    seed.accept(database);
    institutions = new InstitutionDirectory(new InstitutionRepository(database), config.configRefresh());
    clients = new ApiClientDirectory(new ApiClientRepository(database), config.configRefresh());
    credentials = new PartnerCredentialsRepository(database, config.configRefresh());
    writer = new RecordingWriter();
    registry = new SimpleMeterRegistry();
    ingress = new RawIngress(writer, config.ackTimeout(), registry, Clock.systemUTC());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    institutions.close();
    clients.close();
    credentials.close();
    client.close();
    mongo.close();
  }

  /** The server Examhub would build with these route groups, not started. */
  public Javalin app(HttpRoutes... groups) {
    return HttpServer.create(config.maxBodyBytes(), registry, List.of(groups), config.environment());
  }

  public ExamhubConfig config() {
    return config;
  }

  public MongoDatabase database() {
    return database;
  }

  /** The demo institution's clear credentials (institution {@code demo}). */
  public DemoData.Credentials demo() {
    return demo;
  }

  public InstitutionDirectory institutions() {
    return institutions;
  }

  /** The institutions' own partner accounts, as Examhub reads them. */
  public PartnerCredentialsRepository credentials() {
    return credentials;
  }

  public BearerAuth auth() {
    return new BearerAuth(clients, Clock.systemUTC());
  }

  /** What the routes wrote where the broker would be. */
  public RecordingWriter writer() {
    return writer;
  }

  public RawIngress ingress() {
    return ingress;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A POST of a JSON body with these headers (and {@code Content-Type: application/json} unless they name one). */
  public static Response post(HttpClient client, String path, String body, Map<String, String> headers) {
    return client.request(path, b -> {
      b.post(HttpRequest.BodyPublishers.ofString(body));
      withJson(b, headers);
    });
  }

  /** A PUT of a JSON body, as {@link #post}. */
  public static Response put(HttpClient client, String path, String body, Map<String, String> headers) {
    return client.request(path, b -> {
      b.put(HttpRequest.BodyPublishers.ofString(body));
      withJson(b, headers);
    });
  }

  public static Response get(HttpClient client, String path, Map<String, String> headers) {
    return client.request(path, b -> headers.forEach(b.get()::header));
  }

  /** An {@code Authorization: Bearer} header, or none for a {@code null} token. */
  public static Map<String, String> bearer(String token) {
    return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
  }

  private static void withJson(io.javalin.testtools.Request.Builder b, Map<String, String> headers) {
    if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
  }

  /** The roster as the streams would hold it after what the routes wrote to it here. */
  public RosterStore roster() {
    return WrittenRoster.of(writer);
  }

  /** A roster that cannot be queried, as while the streams start: a route that asks it answers 503. */
  public static RosterStore unqueryableRoster() {
    return new RosterStore(() -> {
      throw new InvalidStateStoreException("no streams in a route test");
    });
  }
}
