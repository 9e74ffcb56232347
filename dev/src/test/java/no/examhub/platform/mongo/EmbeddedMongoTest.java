package no.examhub.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import no.examhub.event.ExamSystem;
import no.examhub.institution.Institution;
import no.examhub.institution.InstitutionRepository;
import no.examhub.institution.WebhookSecrets;
import org.junit.jupiter.api.Test;

/** The embedded default's store keeps institution configuration across restarts. */
class EmbeddedMongoTest {
  @Test
  void anInstitutionSavedBeforeARestartIsFoundAfterIt() throws Exception {
    Path dir = Files.createTempDirectory("embedded-mongo");
    Institution uio = new Institution("uio", "185", "185", ExamSystem.INSPERA, "uio", "prod",
        true, true, false, "", new WebhookSecrets(java.util.List.of("s3cret"), "client", null, null, java.util.Map.of("src", java.util.List.of("whsec_x"))), null);

    try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dir); var client = MongoClients.create(mongo.uri())) {
      new InstitutionRepository(client.getDatabase("examhub")).save(uio);
    }

    try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(dir); var client = MongoClients.create(mongo.uri())) {
      assertThat(new InstitutionRepository(client.getDatabase("examhub")).find("uio")).contains(uio);
    }
  }
}
