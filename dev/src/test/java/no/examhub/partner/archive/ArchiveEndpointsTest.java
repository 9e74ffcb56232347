package no.examhub.partner.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
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
import no.examhub.simulator.archive.ArchiveSimulator;
import no.examhub.testing.PartnerStore;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each institution files its theses in its own archive ({@code partners.archiveUrl}), not in one global one. */
class ArchiveEndpointsTest {
  private final PartnerStore store = new PartnerStore();
  private final ArchiveSimulator uioArchive = new ArchiveSimulator();
  private final ArchiveSimulator uibArchive = new ArchiveSimulator();
  private Javalin uio;
  private Javalin uib;
  private InstitutionDirectory institutions;
  private PartnerCredentialsRepository credentials;
  private ArchiveHandler handler;

  @BeforeEach
  void start() {
    uio = serve(uioArchive);
    uib = serve(uibArchive);
    InstitutionRepository repository = store.repository();
    repository.save(institution("uio", "http://127.0.0.1:" + uio.port() + "/archive"));
    repository.save(institution("uib", "http://127.0.0.1:" + uib.port() + "/archive/"));
    repository.save(institution("hiof", ""));
    credentials = store.credentials();
    for (String name : new String[] {"uio", "uib", "hiof"}) {
      credentials.save(new PartnerCredentials(name, Partner.ARCHIVE, "", ArchiveSimulator.TOKEN));
    }
    institutions = store.institutions();
    handler = new ArchiveHandler(new PartnerHttp(Duration.ofSeconds(2), Duration.ofSeconds(5)), institutions,
        new PartnerEndpoints(PartnerEndpoints.Overrides.NONE), credentials);
  }

  @AfterEach
  void stop() {
    uio.stop();
    uib.stop();
    store.close();
  }

  @Test
  void eachInstitutionsThesisIsFiledInItsOwnArchive() throws Exception {
    handler.execute(thesis("uio", "501"));
    handler.execute(thesis("uib", "502"));

    assertThat(uioArchive.filed()).extracting(f -> f.record().path("externalReference").asText())
        .containsExactly("uio/MASTER-1/501");
    assertThat(uibArchive.filed()).extracting(f -> f.record().path("externalReference").asText())
        .containsExactly("uib/MASTER-1/502");
  }

  @Test
  void anInstitutionWithoutAnArchiveUrlIsAPermanentFailureWithACode() {
    assertThatThrownBy(() -> handler.execute(thesis("hiof", "503")))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> {
          assertThat(f.code()).isEqualTo("NO_ARCHIVE_ENDPOINT");
          assertThat(f.retryable()).isFalse();
        });
  }

  private static Javalin serve(ArchiveSimulator archive) {
    return Javalin.create(cfg -> {
      ErrorContract.register(cfg.routes);
      archive.register(cfg.routes);
    }).start("127.0.0.1", 0);
  }

  private static Institution institution(String name, String archiveUrl) {
    return new Institution(name, name, "1", ExamSystem.INSPERA, name, "test", true, true, true, "", null,
        new PartnerSettings(null, null, null, null, archiveUrl));
  }

  private static Command thesis(String institution, String kandidatnr) {
    return Wire.command(institution, Partner.ARCHIVE, Operations.ARCHIVE_THESIS, Json.MAPPER.createObjectNode()
        .put("institution", institution).put("examSystem", "INSPERA").put("vurdId", "MASTER-1")
        .put("kandidatnr", kandidatnr).put("title", "A thesis").put("grade", "A"), "test", Instant.now());
  }
}
