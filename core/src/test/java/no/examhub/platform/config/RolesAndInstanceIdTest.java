package no.examhub.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import no.examhub.platform.config.Roles.Role;
import org.junit.jupiter.api.Test;

/** EXAMHUB_ROLES and EXAMHUB_INSTANCE_ID: what one instance runs, and the id it joins its groups with. */
class RolesAndInstanceIdTest {

  @Test
  void byDefaultAnInstanceRunsEveryRole() {
    assertThat(ExamhubConfig.defaults().roles().set()).containsExactlyInAnyOrder(Role.values());
  }

  @Test
  void rolesAreACommaSeparatedListInAnyCaseAndOrder() {
    Roles roles = ExamhubConfig.from(Map.of("EXAMHUB_ROLES", " Dispatch, streams ")).roles();

    assertThat(roles.set()).containsExactlyInAnyOrder(Role.STREAMS, Role.DISPATCH);
    assertThat(roles).hasToString("streams,dispatch");
    assertThat(ExamhubConfig.from(Map.of("EXAMHUB_ROLES", "ingress")).roles().set()).containsExactly(Role.INGRESS);
  }

  @Test
  void anUnknownRoleIsAConfigErrorNamingTheSettingAndTheKnownRoles() {
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("EXAMHUB_ROLES", "ingress,stream")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("EXAMHUB_ROLES=ingress,stream")
        .hasMessageContaining("unknown role 'stream'")
        .hasMessageContaining("ingress, streams, dispatch, pollers");
  }

  @Test
  void aListOfOnlyCommasNamesNoRole() {
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("EXAMHUB_ROLES", ",")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("EXAMHUB_ROLES=,: names no role");
  }

  @Test
  void pollersWithoutStreamsAreRefusedBecauseReconciliationReadsTheCaseStore() {
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("EXAMHUB_ROLES", "ingress,pollers")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("EXAMHUB_ROLES: pollers needs streams");
    assertThat(ExamhubConfig.from(Map.of("EXAMHUB_ROLES", "streams,pollers")).roles().has(Role.POLLERS)).isTrue();
  }

  @Test
  void aGivenInstanceIdIsKept() {
    assertThat(ExamhubConfig.from(Map.of("EXAMHUB_INSTANCE_ID", "examhub-streams-1")).instanceId())
        .isEqualTo("examhub-streams-1");
  }

  @Test
  void anInstanceIdKafkaWouldRefuseIsAConfigError() {
    assertThatThrownBy(() -> ExamhubConfig.from(Map.of("EXAMHUB_INSTANCE_ID", "examhub 1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("EXAMHUB_INSTANCE_ID=examhub 1: must be 1-200 letters, digits");
  }

  @Test
  void theDerivedIdIsTheHostAndAHashOfTheDataDirectory() {
    String id = ExamhubConfig.from(Map.of("HOSTNAME", "node-7", "EXAMHUB_DATA_DIR", "/var/lib/examhub-a")).instanceId();

    assertThat(id).matches("node-7-[0-9a-f]{8}");
    assertThat(id).isEqualTo(ExamhubConfig.from(Map.of("HOSTNAME", "node-7", "EXAMHUB_DATA_DIR", "/var/lib/examhub-a"))
        .instanceId());
  }

  @Test
  void twoInstancesOnOneHostWithTheirOwnDataDirectoriesDerivedDifferentIds() {
    String a = ExamhubConfig.from(Map.of("HOSTNAME", "node-7", "EXAMHUB_DATA_DIR", "/var/lib/examhub-a")).instanceId();
    String b = ExamhubConfig.from(Map.of("HOSTNAME", "node-7", "EXAMHUB_DATA_DIR", "/var/lib/examhub-b")).instanceId();
    String sameDirElsewhere = ExamhubConfig.from(Map.of("HOSTNAME", "node-8", "EXAMHUB_DATA_DIR", "/var/lib/examhub-a"))
        .instanceId();

    assertThat(a).isNotEqualTo(b).isNotEqualTo(sameDirElsewhere);
  }

  @Test
  void aHostNameKafkaWouldRefuseIsMadeSafe() {
    assertThat(InstanceId.derive("ex hub/1", Path.of("/data"))).matches("ex-hub-1-[0-9a-f]{8}");
  }
}
