package no.examhub.partner.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.examhub.event.ExamSystem;
import no.examhub.platform.http.ErrorContract;
import no.examhub.simulator.fs.FsSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The FS client against the FS simulator: the windows it asks for and how FS's failures surface. */
class FsClientTest {
  private static final Instant T = Instant.parse("2026-11-24T07:00:00Z");

  private final FsSimulator fs = new FsSimulator();
  private Javalin server;
  private FsClient client;

  @BeforeEach
  void start() {
    server = Javalin.create(cfg -> {
      ErrorContract.register(cfg.routes);
      fs.register(cfg.routes);
    }).start("127.0.0.1", 0);
    client = new FsClient("http://127.0.0.1:" + server.port() + "/fs", Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void sidenIsUtcToTheSecondWithZ() {
    assertThat(FsClient.siden(Instant.parse("2026-11-24T07:00:00.987Z"))).isEqualTo("2026-11-24T07:00:00Z");
  }

  @Test
  void changedSinceReturnsOnlyRecordsChangedAtOrAfterSidenOfThatInstitutionAndSystem() {
    fs.putAppeal(ExamSystem.INSPERA, "185", T.minusSeconds(1), klage("V1", "1"));
    fs.putAppeal(ExamSystem.INSPERA, "185", T, klage("V1", "2"));
    fs.putAppeal(ExamSystem.WISEFLOW, "185", T, klage("V1", "3"));
    fs.putAppeal(ExamSystem.INSPERA, "194", T, klage("V1", "4"));

    assertThat(client.appealsSince(ExamSystem.INSPERA, "185", T)).extracting(FsKlage::kandidatnr).containsExactly("2");
    assertThat(fs.requests()).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("/fs/eksamen/klager/INSPERA");
      assertThat(r.siden()).isEqualTo("2026-11-24T07:00:00Z");
    });
  }

  @Test
  void perExamReadReturnsEveryRecordOfThatExam() {
    fs.putExplanationRequest(ExamSystem.INSPERA, "185", T.minusSeconds(86_400), Map.of("vurdId", "V 1/x", "kandidatnr", "7"));
    fs.putExplanationRequest(ExamSystem.INSPERA, "185", T, Map.of("vurdId", "V2", "kandidatnr", "8"));

    assertThat(client.explanationRequestsOf(ExamSystem.INSPERA, "V 1/x"))
        .extracting(FsBegrunnelseForesporsel::kandidatnr).containsExactly("7");
  }

  @Test
  void demoDataHasAnActiveAndAWithdrawnAppealAndAnExplanationRequestForEachExamSystem() {
    FsSimulator demo = FsSimulator.demo(T);
    server.stop();
    server = Javalin.create(cfg -> demo.register(cfg.routes)).start("127.0.0.1", 0);
    client = new FsClient("http://127.0.0.1:" + server.port() + "/fs", Duration.ofSeconds(2), Duration.ofSeconds(5));

    for (ExamSystem system : ExamSystem.values()) {
      List<FsKlage> appeals = client.appealsSince(system, "9999", T);
      assertThat(appeals).extracting(FsKlage::klagestatus).containsExactlyInAnyOrder("AKTIV", "TRUKKET");
      assertThat(appeals).extracting(FsKlage::kandidatnr).doesNotHaveDuplicates();
      assertThat(client.explanationRequestsSince(system, "9999", T)).hasSize(1);
      assertThat(client.appealsSince(system, "9999", T.plusSeconds(1))).isEmpty();
    }
  }

  @Test
  void fsAnswering503IsAnFsException() {
    fs.failNext(1);

    assertThatThrownBy(() -> client.explanationRequestsSince(ExamSystem.INSPERA, "185", T))
        .isInstanceOf(FsException.class).hasMessageContaining("503");
  }

  @Test
  void unreachableFsIsAnFsException() {
    server.stop();

    assertThatThrownBy(() -> client.appealsOf(ExamSystem.WISEFLOW, "V1")).isInstanceOf(FsException.class);
  }

  private static Map<String, Object> klage(String vurdId, String kandidatnr) {
    return Map.of("vurdId", vurdId, "kandidatnr", kandidatnr, "personlopenr", "1234567", "klagestatus", "AKTIV");
  }
}
