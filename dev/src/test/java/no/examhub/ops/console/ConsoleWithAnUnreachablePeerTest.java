package no.examhub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.FsAppeal;
import no.examhub.flow.cases.CaseQueries;
import no.examhub.testing.Eventually;
import no.examhub.testing.FsAppeals;
import no.examhub.testing.HangingUpPort;
import no.examhub.testing.Instances;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One of two instances cannot be reached at the address it advertises: the console's search and
 * the page of a case that instance holds say so, as a 503 with a code, never a shorter list or
 * "no such case".
 */
class ConsoleWithAnUnreachablePeerTest {
  private static final String APPLICATION_ID = "examhub-console-unreachable-" + UUID.randomUUID();
  private static final String VURD_ID = "UNREACHABLE-" + UUID.randomUUID().toString().substring(0, 8);
  /** Held until the JVM ends: the unreachable instance advertises it for the whole class. */
  private static final HangingUpPort NOBODY = HangingUpPort.open();

  @RegisterExtension
  @Order(1)
  static final TestHub reachable = TestHub.perClass(Instances.of(APPLICATION_ID));
  @RegisterExtension
  @Order(2)
  static final TestHub unreachable = TestHub.perClass(advertisingNobody()).sharingStoreOf(reachable);

  private static Map<String, String> advertisingNobody() {
    Map<String, String> s = new HashMap<>(Instances.of(APPLICATION_ID));
    s.put("EXAMHUB_ADVERTISED_URL", NOBODY.url());
    return s;
  }

  @BeforeAll
  static void bothInstancesHoldPartitions() {
    Eventually.holds(Duration.ofSeconds(90), () -> reachable.hub().streamsRunning() && unreachable.hub().streamsRunning()
        && reachable.hub().streams().unwrap().streamsMetadataForStore("case-store").size() == 2);
  }

  @Test
  void aSearchThatCannotAskEveryInstanceIsIncompleteNotShort() {
    ConsoleSession console = ConsoleSession.signedIn(reachable.baseUrl(), reachable.demo().adminToken());

    HttpResponse<String> page = console.get("/console/cases?vurdId=" + VURD_ID);

    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.body()).contains("70503", "cannot be reached", "would be incomplete").doesNotContain("No case matches");
    assertThat(page.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void theCasePageOfACaseTheUnreachableInstanceHoldsIsA503NotNoCase() {
    CaseQueries owners = new CaseQueries(reachable.hub().streams().unwrap());
    FsAppeal held = null;
    for (int i = 0; held == null; i++) {
      FsAppeal a = FsAppeals.active(VURD_ID, "6000" + i);
      held = owners.ownerOf(a.caseKey()).activeHost().port() == NOBODY.port() ? a : null;
    }
    ConsoleSession console = ConsoleSession.signedIn(reachable.baseUrl(), reachable.demo().adminToken());

    HttpResponse<String> page = console.get("/console/cases/demo/" + VURD_ID + "/" + held.kandidatnr());

    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.body()).contains("70503", "cannot be reached");
  }
}
