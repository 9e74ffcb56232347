package no.examhub.partner.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
import no.examhub.platform.json.Json;
import no.examhub.testing.PartnerStore;
import no.examhub.testing.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FS's writes are changing calls (docs/faults.md, "Applied, result unknown"): FS answering 2xx with
 * a page that is not JSON has taken the write, so register-explanation and register-appeal-decision
 * end as applied with an unknown result ({@code sent: true} kept), never a dead letter a replay would
 * send a second time. An error status with the same page is not applied and stays what it was. The
 * FS handler makes no read call; FS's reads are the poller's ({@code FsClient}).
 */
class FsUnknownResultTest {
  private static final String PAGE = "<html>a proxy answered instead</html>";
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final PartnerStore store = new PartnerStore();
  private volatile int status = 201;
  private Javalin fs;
  private InstitutionDirectory institutions;
  private PartnerCredentialsRepository credentials;
  private FsCommandHandler handler;

  @BeforeEach
  void start() {
    fs = Javalin.create(cfg -> cfg.routes.before(ctx -> {
      received.add(ctx.method().name() + " " + ctx.path());
      ctx.status(status).contentType("text/html").result(PAGE);
      ctx.skipRemainingHandlers();
    })).start("127.0.0.1", 0);
    InstitutionRepository repository = store.repository();
    repository.save(new Institution("hiof", "211", "211", ExamSystem.WISEFLOW, "hiof", "test", true, true, true, "",
        null, new PartnerSettings(null, null, new PartnerSettings.Fs("/eksamen/klagevedtak/{examSystem}"), null, null)));
    credentials = store.credentials();
    credentials.save(new PartnerCredentials("hiof", Partner.FS, "hiof-fsws", "hiof-secret"));
    institutions = store.institutions();
    PartnerEndpoints endpoints = new PartnerEndpoints(new PartnerEndpoints.Overrides("", "", "", "", "", "",
        Optional.of("http://127.0.0.1:" + fs.port())));
    handler = new FsCommandHandler(new PartnerHttp(Duration.ofSeconds(2), Duration.ofSeconds(5)), institutions,
        new FsAccounts(endpoints, credentials));
  }

  @AfterEach
  void stop() {
    fs.stop();
    store.close();
  }

  @Test
  void anUnreadableAnswerToRegisterExplanationIsAppliedWithAnUnknownResult() {
    assertThatThrownBy(() -> handler.execute(command(Operations.REGISTER_EXPLANATION)))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> {
          assertThat(f.appliedUnknown()).isTrue();
          assertThat(f.code()).isEqualTo("UNREADABLE_ANSWER");
          assertThat(Wire.tree(f.known()).path("sent").asBoolean()).isTrue();
        });
    assertThat(received).containsExactly("POST /fs/test/eksamen/begrunnelser/WISEFLOW");
  }

  @Test
  void anUnreadableAnswerToRegisterAppealDecisionIsAppliedWithAnUnknownResult() {
    assertThatThrownBy(() -> handler.execute(command(Operations.REGISTER_APPEAL_DECISION)))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> {
          assertThat(f.appliedUnknown()).isTrue();
          assertThat(f.code()).isEqualTo("UNREADABLE_ANSWER");
        });
    assertThat(received).containsExactly("POST /fs/test/eksamen/klagevedtak/WISEFLOW");
  }

  @Test
  void anErrorStatusWithThatPageIsNotApplied() {
    status = 400;

    assertThatThrownBy(() -> handler.execute(command(Operations.REGISTER_EXPLANATION)))
        .isInstanceOfSatisfying(PartnerFailure.class, f -> {
          assertThat(f.appliedUnknown()).isFalse();
          assertThat(f.retryable()).isFalse();
        });
  }

  private static Command command(String operation) {
    return Wire.command("hiof", Partner.FS, operation, Json.MAPPER.createObjectNode().put("examSystem", "WISEFLOW")
        .put("vurdId", "V1").put("kandidatnr", "9").put("decidedAt", "2026-12-01T10:00:00Z"), "test", Instant.now());
  }
}
