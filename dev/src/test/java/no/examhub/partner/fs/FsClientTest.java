package no.examhub.partner.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.examhub.event.ExamSystem;
import no.examhub.simulator.fs.FsSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The FS client against the FS simulator: the windows it asks for and how FS's failures surface. */
class FsClientTest {
  private static final Instant T = Instant.parse("2026-11-24T07:00:00Z");

  private final FsSimulator fs = new FsSimulator(FsSimulator.TEST);
  private FsServer server;
  private FsClient client;

  @BeforeEach
  void start() {
    fs.addUser("uio-fsws", "uio-password", "185");
    server = FsServer.start(fs);
    client = server.client(FsSimulator.TEST, "uio-fsws", "uio-password");
  }

  @AfterEach
  void stop() {
    server.close();
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

    assertThat(kandidatnr(client.changedSince("klager", ExamSystem.INSPERA, "185", T))).containsExactly("2");
    assertThat(fs.requests()).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("/fs/test/eksamen/klager/INSPERA");
      assertThat(r.siden()).isEqualTo("2026-11-24T07:00:00Z");
    });
  }

  @Test
  void perExamReadReturnsEveryRecordOfThatExam() {
    fs.putExplanationRequest(ExamSystem.INSPERA, "185", T.minusSeconds(86_400), Map.of("vurdId", "V 1/x", "kandidatnr", "7"));
    fs.putExplanationRequest(ExamSystem.INSPERA, "185", T, Map.of("vurdId", "V2", "kandidatnr", "8"));

    assertThat(kandidatnr(client.ofExam("begrunnelser", ExamSystem.INSPERA, "V 1/x"))).containsExactly("7");
  }

  @Test
  void demoDataHasAnActiveAndAWithdrawnAppealAndAnExplanationRequestForEachExamSystem() {
    server.close();
    server = FsServer.start(FsSimulator.demo(T));
    client = server.client(FsSimulator.TEST, FsSimulator.USERNAME, FsSimulator.PASSWORD);

    for (ExamSystem system : ExamSystem.values()) {
      List<JsonNode> appeals = client.changedSince("klager", system, "9999", T);
      assertThat(appeals).extracting(a -> a.path("klagestatus").asText()).containsExactlyInAnyOrder("AKTIV", "TRUKKET");
      assertThat(kandidatnr(appeals)).doesNotHaveDuplicates();
      assertThat(client.changedSince("begrunnelse", system, "9999", T)).hasSize(1);
      assertThat(client.changedSince("klager", system, "9999", T.plusSeconds(1))).isEmpty();
    }
  }

  @Test
  void aWrongFswsUserIsAnFsExceptionNaming401() {
    FsClient wrong = server.client(FsSimulator.TEST, "uio-fsws", "not-the-password");

    assertThatThrownBy(() -> wrong.changedSince("klager", ExamSystem.INSPERA, "185", T))
        .isInstanceOf(FsException.class).hasMessageContaining("401").hasMessageNotContaining("not-the-password");
  }

  @Test
  void fsAnswering503IsAnFsException() {
    fs.failNext(1);

    assertThatThrownBy(() -> client.changedSince("begrunnelse", ExamSystem.INSPERA, "185", T))
        .isInstanceOf(FsException.class).hasMessageContaining("503");
  }

  @Test
  void unreachableFsIsAnFsException() {
    server.close();

    assertThatThrownBy(() -> client.ofExam("klager", ExamSystem.WISEFLOW, "V1")).isInstanceOf(FsException.class);
  }

  private static List<String> kandidatnr(List<JsonNode> records) {
    return records.stream().map(r -> r.path("kandidatnr").asText()).toList();
  }

  private static Map<String, Object> klage(String vurdId, String kandidatnr) {
    return Map.of("vurdId", vurdId, "kandidatnr", kandidatnr, "personlopenr", "1234567", "klagestatus", "AKTIV");
  }
}
