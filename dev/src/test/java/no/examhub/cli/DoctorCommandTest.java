package no.examhub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import no.examhub.access.ApiClient;
import no.examhub.access.ApiClientRepository;
import no.examhub.access.Scopes;
import no.examhub.platform.crypto.Hmac;
import no.examhub.simulator.fs.FsSimulator;
import no.examhub.simulator.wiseflow.WiseflowSimulator;
import no.examhub.testing.Eventually;
import no.examhub.testing.Operator;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code examhub doctor INSTITUTION} and {@code POST /api/institutions/{name}/connection-check}:
 * each partner of the institution called once, on the simulators, and what works said in plain
 * words; an operator of another institution gets no institution.
 */
class DoctorCommandTest {
  @RegisterExtension
  static final TestHub hub = TestHub.shared();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void theDemoInstitutionsPartnersAllWork() {
    // The embedded default's WISEflow demo, as it seeds it (test hubs do not: simulator/DemoData).
    String onWiseflow = institution("WISEFLOW", ", \"partners\": {\"wiseflow\": {\"server\": \"staging\", \"auth\": \"OAUTH2\"}}");
    credentials(onWiseflow, "fs", FsSimulator.USERNAME, FsSimulator.PASSWORD);
    credentials(onWiseflow, "wiseflow", WiseflowSimulator.CLIENT_ID, WiseflowSimulator.CLIENT_SECRET);
    Eventually.holds(Duration.ofSeconds(10), () -> Operator.of(hub).get("/api/institutions/" + onWiseflow).statusCode() == 200);

    int demo = command(hub.demo().adminToken()).execute(List.of("demo"));
    int wiseflow = command(hub.demo().adminToken()).execute(List.of(onWiseflow));

    assertThat(demo).as(printed()).isZero();
    assertThat(wiseflow).as(printed()).isZero();

    assertThat(printed()).contains("ok    FS test: works", "ok    Inspera ", "the token exchange gave a token",
        "ok    WISEflow ", "a source search answered").doesNotContain("FAIL");
  }

  @Test
  void aWrongFsPasswordAndAMissingInsperaKeyAreSaidInPlainWords() {
    String name = institution("INSPERA", "");
    credentials(name, "fs", FsSimulator.USERNAME, "not-the-password");

    Eventually.holds(Duration.ofSeconds(10), () -> {
      out.reset();
      return command(hub.demo().adminToken()).execute(List.of(name)) == 1 && printed().contains("401");
    });

    assertThat(printed()).contains("FAIL  FS test: 401, the FSWS user is not authorised",
        "FAIL  Inspera: not configured").doesNotContain("not-the-password");
  }

  @Test
  void anOperatorOfAnotherInstitutionGetsNoInstitution() {
    String token = UUID.randomUUID().toString();
    try (MongoClient mongo = MongoClients.create(hub.mongoUri())) {
      new ApiClientRepository(mongo.getDatabase("examhub")).save(new ApiClient("doctor-other", Hmac.sha256Hex(token),
          Set.of(Scopes.ADMIN), null, "operator of another institution", Set.of("doctor-elsewhere")));
    }
    Eventually.holds(Duration.ofSeconds(15), () -> new Operator(hub.baseUrl(), token).get("/api/institutions").statusCode() == 200);

    assertThat(command(token).execute(List.of("demo"))).isEqualTo(1);
    assertThat(command(token).execute(List.of("no-such-institution"))).isEqualTo(1);

    assertThat(printed()).contains("404 70404: No institution demo.", "404 70404: No institution no-such-institution.");
  }

  @Test
  void needsExactlyOneInstitution() {
    assertThatThrownBy(() -> command("t").execute(List.of())).hasMessageContaining("usage");
  }

  /** An institution no poller reads (no flow enabled), so its checks are the only calls it causes. */
  private static String institution(String examSystem, String extra) {
    String name = "doctor-" + UUID.randomUUID().toString().substring(0, 6);
    int status = Operator.of(hub).put("/api/institutions/" + name, "{\"orgId\": \"1\", \"institutionNumber\": \"9999\","
        + " \"examSystem\": \"" + examSystem + "\", \"instance\": \"" + name + "\", \"fsEnvironment\": \"test\","
        + " \"appealsEnabled\": false, \"explanationsEnabled\": false" + extra + "}").statusCode();
    assertThat(status / 100).isEqualTo(2);
    return name;
  }

  private static void credentials(String institution, String partner, String username, String secret) {
    assertThat(Operator.of(hub).put("/api/institutions/" + institution + "/credentials/" + partner,
        "{\"username\": \"" + username + "\", \"secret\": \"" + secret + "\"}").statusCode()).isEqualTo(204);
  }

  private DoctorCommand command(String token) {
    return new DoctorCommand(hub.baseUrl(), token, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
