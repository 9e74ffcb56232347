package no.examhub.institution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import no.examhub.event.ExamSystem;
import org.junit.jupiter.api.Test;

/**
 * Each institution reaches its own partners (../shared/partners/README.md): its Inspera tenant's
 * domain, its WISEflow server, the FS server of its environment; an operator's override and the
 * simulators still reach every tenant through one URL with a placeholder.
 */
class PartnerEndpointsTest {
  private static final PartnerEndpoints PRODUCTION = new PartnerEndpoints(PartnerEndpoints.Overrides.NONE);

  private static Institution institution(String fsEnv, PartnerSettings partners) {
    return new Institution("uni", "1", "1", ExamSystem.INSPERA, "uni", fsEnv, true, true, true, "", null, partners);
  }

  private static PartnerSettings tenant(String domain) {
    return new PartnerSettings(new PartnerSettings.Inspera(domain, "client", null), null, null, null, null);
  }

  @Test
  void everyInsperaInstitutionIsItsOwnTenant() {
    assertThat(PRODUCTION.inspera(institution("test", tenant("nokut.inspera.no"))))
        .contains("https://nokut.inspera.no/api");
    assertThat(PRODUCTION.inspera(institution("test", tenant("uio.inspera.no"))))
        .contains("https://uio.inspera.no/api");
    assertThat(PRODUCTION.inspera(institution("test", null))).isEmpty();
  }

  @Test
  void theFsEnvironmentPicksTheServer() {
    assertThat(PRODUCTION.fs(institution("test", null))).contains("https://fs-test.uio.no");
    assertThat(PRODUCTION.fs(institution("prod", null))).contains("https://fsws.usit.no");
    assertThat(PRODUCTION.fs(institution("qa", null))).isEmpty();
  }

  @Test
  void wiseflowIsProductionStagingOrAUrl() {
    assertThat(PRODUCTION.wiseflow(institution("test", null))).contains("https://europe-api.wiseflow.net/v1");
    assertThat(PRODUCTION.wiseflow(institution("test", wiseflow("staging"))))
        .contains("https://europe-stage-api.wiseflow.net/v1");
    assertThat(PRODUCTION.wiseflow(institution("test", wiseflow("https://wf.example.org/v1/"))))
        .contains("https://wf.example.org/v1");
    assertThatThrownBy(() -> wiseflow("europe")).hasMessageContaining("production, staging or an http(s) URL");
  }

  @Test
  void anOverrideWinsAndItsPlaceholderKeepsTenantsApart() {
    PartnerEndpoints overridden = new PartnerEndpoints(new PartnerEndpoints.Overrides(
        "http://127.0.0.1:9000/{domain}/api", "http://127.0.0.1:9000/wf", "http://127.0.0.1:9000/fs-{fsEnv}", "", "", "",
        Optional.empty()));

    assertThat(overridden.inspera(institution("test", tenant("a.inspera.no")))).contains("http://127.0.0.1:9000/a.inspera.no/api");
    assertThat(overridden.inspera(institution("test", tenant("b.inspera.no")))).contains("http://127.0.0.1:9000/b.inspera.no/api");
    assertThat(overridden.wiseflow(institution("test", wiseflow("staging")))).contains("http://127.0.0.1:9000/wf");
    assertThat(overridden.fs(institution("prod", null))).contains("http://127.0.0.1:9000/fs-prod");
    // A domain that could change the URL's shape is not filled in.
    assertThat(overridden.inspera(institution("test", tenant("evil/../x")))).isEmpty();
  }

  @Test
  void theSimulatorsServeEveryTenantAndEnvironmentUnderTheirOwnPaths() {
    PartnerEndpoints simulated = new PartnerEndpoints(new PartnerEndpoints.Overrides("", "", "", "", "", "",
        Optional.of("http://127.0.0.1:8081")));

    assertThat(simulated.inspera(institution("test", tenant("demo.inspera.no"))))
        .contains("http://127.0.0.1:8081/inspera/demo.inspera.no/api");
    assertThat(simulated.fs(institution("prod", null))).contains("http://127.0.0.1:8081/fs/prod");
    assertThat(simulated.wiseflow(institution("test", null))).contains("http://127.0.0.1:8081/wiseflow/v1");
    assertThat(simulated.proview()).contains("http://127.0.0.1:8081/proview");
    assertThat(simulated.archive(institution("test", null))).contains("http://127.0.0.1:8081/archive");
  }

  @Test
  void unknownInsperaEventMeaningsAreRefusedAndDefaultsFillTheRest() {
    PartnerSettings.Inspera own = new PartnerSettings.Inspera("x", "c",
        java.util.Map.of(PartnerSettings.Inspera.APPEAL_DECISION, "klage_vedtak"));
    assertThat(own.event(PartnerSettings.Inspera.APPEAL_DECISION)).isEqualTo("klage_vedtak");
    assertThat(own.event(PartnerSettings.Inspera.FINAL_GRADES)).isEqualTo("confirm_final_grades");
    assertThatThrownBy(() -> new PartnerSettings.Inspera("x", "c", java.util.Map.of("grades", "y")))
        .hasMessageContaining("unknown meaning grades");
  }

  private static PartnerSettings wiseflow(String server) {
    return new PartnerSettings(null, new PartnerSettings.Wiseflow(server, null, null, null), null, null, null);
  }
}
