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
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import no.examhub.access.ApiClient;
import no.examhub.access.ApiClientDirectory;
import no.examhub.access.ApiClientRepository;
import no.examhub.access.BearerAuth;
import no.examhub.access.Scopes;
import no.examhub.platform.crypto.Hmac;
import no.examhub.platform.http.HttpServer;
import no.examhub.platform.mongo.EmbeddedMongo;
import no.examhub.platform.process.SupervisedLoop;
import org.junit.jupiter.api.Test;

/**
 * The queue loads in the background: with a broker that never answers, the feed's loop starts
 * and returns at once, HTTP serves, and the queue answers 503 70507 with Retry-After until loaded.
 * Before, the load ran before HTTP started and blocked it.
 */
class ResultsQueueLoadingTest {
  private static final String TOKEN = "dfe-token";

  /** Marks when the feed's loop is built, for how long starting it took. */
  private static final class Started implements AutoCloseable {
    private final long at = System.nanoTime();

    Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - at);
    }

    @Override
    public void close() {}
  }

  @Test
  void httpAnswersWhileTheQueueIsStillLoading() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ResultsQueue queue = new ResultsQueue(Clock.systemUTC(), Duration.ofSeconds(60), 10, registry);
    String nowhere = "127.0.0.1:1";
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        MongoClient mongoClient = MongoClients.create(mongo.uri());
        Started timing = new Started();
        SupervisedLoop feed = new SupervisedLoop("metrica-queue-feed", () -> new ResultsQueueFeed(nowhere, queue),
            Duration.ofSeconds(1), Duration.ofSeconds(5), registry, Clock.systemUTC()).start();
        ResultsBodies bodies = new ResultsBodies(nowhere, Duration.ofSeconds(1))) {
      assertThat(timing.elapsed()).isLessThan(Duration.ofSeconds(3));
      ApiClientRepository repository = new ApiClientRepository(mongoClient.getDatabase("loading"));
      repository.save(new ApiClient("dfe", Hmac.sha256Hex(TOKEN), Set.of(Scopes.METRICA_QUEUE), null, "test"));
      ApiClientDirectory clients = new ApiClientDirectory(repository, Duration.ofHours(1));
      clients.refresh();
      ExecutorService reads = Executors.newSingleThreadExecutor();
      Javalin http = HttpServer.create(100_000, registry, List.of(new ResultsQueueRoutes(
          new BearerAuth(clients, Clock.systemUTC()), queue, bodies, reads, null, Duration.ofSeconds(1),
          Clock.systemUTC())));
      http.start("127.0.0.1", 0);
      try {
        String url = "http://127.0.0.1:" + http.port() + ResultsQueueRoutes.PATH;

        HttpResponse<String> next = BearerRequests.send(url, "GET", null, TOKEN);
        HttpResponse<String> ack = BearerRequests.send(url + "/0-1/" + "0".repeat(32), "DELETE", null, TOKEN);

        assertThat(queue.loaded()).isFalse();
        assertError(next, 503, "70507");
        assertThat(next.headers().firstValue("Retry-After")).isPresent();
        assertError(ack, 503, "70507");
      } finally {
        http.stop();
        reads.shutdownNow();
        clients.close();
      }
    }
  }
}
