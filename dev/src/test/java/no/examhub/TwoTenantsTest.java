package no.examhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import no.examhub.event.ExamSystem;
import no.examhub.simulator.SimulatorServer;
import no.examhub.simulator.inspera.InsperaDemoTests;
import no.examhub.simulator.inspera.InsperaSimulator;
import no.examhub.simulator.inspera.InsperaTenant;
import no.examhub.testing.Eventually;
import no.examhub.testing.Operator;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two institutions side by side in one Examhub, configured through the operator API alone: each on
 * its own Inspera tenant and its own FS environment, each with its own accounts. An appeal in each
 * one's FS is read from that FS as that institution's FSWS user and registered on that
 * institution's tenant, and on no other.
 */
class TwoTenantsTest {
  private static final long RUN = ThreadLocalRandom.current().nextLong(100_000, 900_000);
  @RegisterExtension
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_FS_POLL_INTERVAL", "PT1S",
      "EXAMHUB_CONFIG_REFRESH", "PT0.5S"))
      .awaitingStreams();
  private static Operator operator;
  private static SimulatorServer simulators;
  private static InsperaTenant tenantA;
  private static InsperaTenant tenantB;

  @BeforeAll
  static void start() {
    operator = Operator.of(hub);
    simulators = hub.simulators().orElseThrow();
    tenantA = simulators.inspera().addTenant("uni-a.inspera.no", "examhub-uni-a").withApiKey("uni-a-api-key");
    tenantB = simulators.inspera().addTenant("uni-b.inspera.no", "examhub-uni-b").withApiKey("uni-b-api-key");
    simulators.fs().addUser("fsws-uni-a", "uni-a-fs-password", institutionNumber("a"));
    simulators.fsProduction().addUser("fsws-uni-b", "uni-b-fs-password", institutionNumber("b"));
    configure("uni-a", "test", tenantA, "fsws-uni-a", "uni-a-fs-password", "uni-a-api-key");
    configure("uni-b", "prod", tenantB, "fsws-uni-b", "uni-b-fs-password", "uni-b-api-key");
  }

  @Test
  void eachInstitutionsAppealGoesFromItsOwnFsToItsOwnInsperaTenant() {
    String vurdA = "UNI-A-" + RUN;
    String vurdB = "UNI-B-" + RUN;
    tenantA.putTest(InsperaDemoTests.test("61" + RUN, vurdA, "Exam at A", "EXAM",
        List.of(InsperaDemoTests.candidate("301", 6_100_301, "C", List.of()))));
    tenantB.putTest(InsperaDemoTests.test("62" + RUN, vurdB, "Exam at B", "EXAM",
        List.of(InsperaDemoTests.candidate("302", 6_200_302, "D", List.of()))));

    simulators.fs().putAppeal(ExamSystem.INSPERA, institutionNumber("a"), Instant.now(), klage(vurdA, 301));
    simulators.fsProduction().putAppeal(ExamSystem.INSPERA, institutionNumber("b"), Instant.now(), klage(vurdB, 302));

    Eventually.holds(Duration.ofSeconds(90), () -> !appeals(tenantA).isEmpty() && !appeals(tenantB).isEmpty());
    assertThat(appeals(tenantA)).extracting(InsperaSimulator.Applied::testId).containsOnly("61" + RUN);
    assertThat(appeals(tenantB)).extracting(InsperaSimulator.Applied::testId).containsOnly("62" + RUN);
    assertThat(tenantA.exchanges()).isNotEmpty()
        .allSatisfy(e -> assertThat(e.query()).contains("client_id=examhub-uni-a"));
    assertThat(tenantB.exchanges()).isNotEmpty()
        .allSatisfy(e -> assertThat(e.query()).contains("client_id=examhub-uni-b"));
    // Each user exists on its own environment's server only: a read on the wrong one would be a 401.
    assertThat(simulators.fsProduction().requests()).as("B's prod FS was read").isNotEmpty()
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    assertThat(simulators.fs().requests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
  }

  private static void configure(String name, String fsEnv, InsperaTenant tenant, String fsUser, String fsPassword,
      String insperaKey) {
    String letter = name.substring(name.length() - 1);
    String institution = "{\"orgId\": \"" + institutionNumber(letter) + "\", \"institutionNumber\": \""
        + institutionNumber(letter) + "\", \"examSystem\": \"INSPERA\", \"instance\": \"" + name + "\","
        + " \"fsEnvironment\": \"" + fsEnv + "\", \"explanationsEnabled\": false, \"partners\": {\"inspera\":"
        + " {\"domain\": \"" + tenant.domain() + "\", \"clientId\": \"" + tenant.clientId() + "\"}}}";
    assertThat(operator.put("/api/institutions/" + name, institution).statusCode()).isEqualTo(201);
    assertThat(operator.put("/api/institutions/" + name + "/credentials/inspera",
        "{\"secret\": \"" + insperaKey + "\"}").statusCode()).isEqualTo(204);
    assertThat(operator.put("/api/institutions/" + name + "/credentials/fs",
        "{\"username\": \"" + fsUser + "\", \"secret\": \"" + fsPassword + "\"}").statusCode()).isEqualTo(204);
  }

  /** Institution numbers of this run, so two runs on the shared broker never meet. */
  private static String institutionNumber(String letter) {
    return (letter.equals("a") ? "71" : "72") + (RUN % 10_000);
  }

  private static List<InsperaSimulator.Applied> appeals(InsperaTenant tenant) {
    return tenant.applied().stream().filter(a -> a.kind().equals("appeal")).toList();
  }

  private static Map<String, Object> klage(String vurdId, int kandidatnr) {
    Map<String, Object> klage = new LinkedHashMap<>();
    klage.put("vurdId", vurdId);
    klage.put("personlopenr", String.format("020299%05d", kandidatnr));
    klage.put("kandidatnr", Integer.toString(kandidatnr));
    klage.put("brukernavn", "student" + kandidatnr);
    klage.put("fornavn", "Kari");
    klage.put("etternavn", "Nordmann");
    klage.put("klagestatus", "AKTIV");
    klage.put("sensurfrist", LocalDate.now().plusDays(10).toString());
    klage.put("kommisjonsidOppr", "K1");
    klage.put("kommisjonsidNy", "K2");
    return klage;
  }
}
