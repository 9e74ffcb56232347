package no.examhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.Map;
import no.examhub.platform.config.ExamhubConfig;
import no.examhub.platform.mongo.EmbeddedMongo;
import org.junit.jupiter.api.Test;

/** What {@code ./examhub run} prints of the embedded default's own parts. */
class DevMainTest {
  @Test
  void theSimulatorsLineIsWhereTheEmbeddedDefaultStartedThemWhateverTheHubsAddress() {
    ExamhubConfig config = ExamhubConfig.from(Map.of("EXAMHUB_SIMULATOR_PORT", "0"));
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(); MongoClient client = MongoClients.create(mongo.uri());
        EmbeddedDefault embedded = new EmbeddedDefault()) {
      embedded.partners(config, client.getDatabase("examhub"));
      StringBuilder out = new StringBuilder();

      DevMain.describe(embedded, out, "http://hub.example.org:8080");

      int port = embedded.simulators().orElseThrow().port();
      assertThat(embedded.simulatorsUrl()).contains("http://" + config.localHost() + ":" + port);
      assertThat(out.toString()).contains("  Simulators       http://" + config.localHost() + ":" + port + " (/inspera, /fs)\n")
          .contains("    Inspera webhook  POST http://hub.example.org:8080/webhooks/inspera/demo");
    }
  }
}
