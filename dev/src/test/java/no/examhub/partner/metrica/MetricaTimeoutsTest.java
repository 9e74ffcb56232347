package no.examhub.partner.metrica;

import static no.examhub.partner.metrica.BearerRequests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.examhub.access.ApiClient;
import no.examhub.access.ApiClientDirectory;
import no.examhub.access.ApiClientRepository;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.http.ErrorContract;
import no.examhub.platform.http.HttpServer;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.simulator.metrica.MetricaSimulator;
import org.junit.jupiter.api.Test;

/**
 * The pass-through to Metrica's back end waits as long as {@code EXAMHUB_PARTNER_READ_TIMEOUT}
 * says, not a fixed 10 s: with it at 500 ms, a back end answering after 4 s is {@code 504 70504}
 * after about 500 ms (the client is built by {@link MetricaRoutes#client} from the settings, as in
 * production). A read timeout is not retried, so it is one wait, not three.
 */
class MetricaTimeoutsTest {
  private static final String READER = "reader-token";
  private static final Duration READ_TIMEOUT = Duration.ofMillis(500);

  @Test
  void aBackEndSlowerThanTheConfiguredReadTimeoutIs504WithinAboutThatTimeout() {
    MetricaSimulator metrica = new MetricaSimulator();
    metrica.delay(Duration.ofSeconds(4));
    Javalin backend = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      ErrorContract.register(cfg.routes);
      metrica.register(cfg.routes);
    }).start("127.0.0.1", 0);
    ExamhubConfig config = ExamhubConfig.from(Map.of(
        "EXAMHUB_METRICA_URL", "http://127.0.0.1:" + backend.port() + "/metrica",
        "EXAMHUB_METRICA_INSTITUTION", "cambridge", "EXAMHUB_PARTNER_CONNECT_TIMEOUT", "PT1S",
        "EXAMHUB_PARTNER_READ_TIMEOUT", READ_TIMEOUT.toString()));
    MetricaClient client = MetricaRoutes.client(config, config.metricaUrl(), () -> Optional.of(MetricaSimulator.TOKEN));
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(); MongoClient mongoClient = MongoClients.create(mongo.uri())) {
      ApiClientRepository repository = new ApiClientRepository(mongoClient.getDatabase("metrica-timeouts"));
      repository.save(new ApiClient("reader", Hmac.sha256Hex(READER), Set.of(Scopes.METRICA_READ), null, "test"));
      ApiClientDirectory clients = new ApiClientDirectory(repository, Duration.ofHours(1));
      clients.refresh();
      Javalin examhub = HttpServer.create(100_000, new SimpleMeterRegistry(), List.of(new MetricaPassThroughRoutes(
          new BearerAuth(clients, Clock.systemUTC()), client, new SimpleMeterRegistry())));
      examhub.start("127.0.0.1", 0);
      try {
        long started = System.nanoTime();
        HttpResponse<String> answer = BearerRequests.send("http://127.0.0.1:" + examhub.port()
            + "/metrica/v1/publishedtests/T-1001", "GET", null, READER);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertError(answer, 504, "70504");
        assertThat(took).isGreaterThanOrEqualTo(READ_TIMEOUT).isLessThan(Duration.ofMillis(2_500));
        assertThat(client.attempts()).isEqualTo(1);
      } finally {
        examhub.stop();
        clients.close();
      }
    } finally {
      backend.stop();
    }
  }
}
