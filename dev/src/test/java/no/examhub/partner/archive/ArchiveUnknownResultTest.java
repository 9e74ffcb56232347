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

/**
 * Filing a thesis is a changing call (docs/faults.md, "Applied, result unknown"): once the archive
 * answers 2xx the thesis is filed, so an answer that is not JSON, or JSON without the archiveId,
 * ends archive-thesis as applied with an unknown result, never a dead letter whose replay would
 * file it twice. The archive handler makes no read call, so it has no permanent UNREADABLE_ANSWER.
 */
class ArchiveUnknownResultTest {
  private final PartnerStore store = new PartnerStore();
  private final ArchiveSimulator archive = new ArchiveSimulator();
  /** Replaces the archive's answer, status kept, after the simulator filed the record; none: as it answered. */
  private volatile String answer;
  private Javalin app;
  private InstitutionDirectory institutions;
  private PartnerCredentialsRepository credentials;
  private ArchiveHandler handler;

  @BeforeEach
  void start() {
    app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      ErrorContract.register(cfg.routes);
      archive.register(cfg.routes);
      cfg.routes.after(ctx -> {
        String replaced = answer;
        if (replaced != null) {
          ctx.result(replaced);
        }
      });
    }).start("127.0.0.1", 0);
    InstitutionRepository repository = store.repository();
    repository.save(new Institution("uio", "uio", "1", ExamSystem.INSPERA, "uio", "test", true, true, true, "", null,
        new PartnerSettings(null, null, null, null, "http://127.0.0.1:" + app.port() + "/archive")));
    credentials = store.credentials();
    credentials.save(new PartnerCredentials("uio", Partner.ARCHIVE, "", ArchiveSimulator.TOKEN));
    institutions = store.institutions();
    handler = new ArchiveHandler(new PartnerHttp(Duration.ofSeconds(2), Duration.ofSeconds(5)), institutions,
        new PartnerEndpoints(PartnerEndpoints.Overrides.NONE), credentials);
  }

  @AfterEach
  void stop() {
    app.stop();
    store.close();
  }

  @Test
  void anAnswerThatIsNotJsonIsAppliedWithAnUnknownResult() {
    answer = "<html>a proxy answered instead</html>";

    assertThatThrownBy(() -> handler.execute(thesis())).isInstanceOfSatisfying(PartnerFailure.class, f -> {
      assertThat(f.appliedUnknown()).isTrue();
      assertThat(f.code()).isEqualTo("UNREADABLE_ANSWER");
    });
    assertThat(archive.filed()).as("the archive did file it").hasSize(1);
  }

  @Test
  void anAnswerWithoutTheArchiveIdIsAppliedWithAnUnknownResult() {
    answer = "{\"status\":\"filed\"}";

    assertThatThrownBy(() -> handler.execute(thesis())).isInstanceOfSatisfying(PartnerFailure.class, f -> {
      assertThat(f.appliedUnknown()).isTrue();
      assertThat(f.code()).isEqualTo("UNEXPECTED_ANSWER");
    });
    assertThat(archive.filed()).hasSize(1);
  }

  @Test
  void aReadableAnswerGivesTheArchiveId() throws Exception {
    assertThat(Wire.tree(handler.execute(thesis())).path("archiveId").asText()).isEqualTo(archive.filed().get(0).archiveId());
  }

  private static Command thesis() {
    return Wire.command("uio", Partner.ARCHIVE, Operations.ARCHIVE_THESIS, Json.MAPPER.createObjectNode()
        .put("institution", "uio").put("examSystem", "INSPERA").put("vurdId", "MASTER-1")
        .put("kandidatnr", "501").put("title", "A thesis").put("grade", "A"), "test", Instant.now());
  }
}
