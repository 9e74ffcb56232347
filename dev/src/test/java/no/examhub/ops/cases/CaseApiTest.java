package no.examhub.ops.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import no.examhub.event.FsAppeal;
import no.examhub.platform.json.Json;
import no.examhub.testing.Eventually;
import no.examhub.testing.FsAppeals;
import no.examhub.testing.Operator;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An operator asks one Examhub where a candidate's case is, and which cases are in a state. */
class CaseApiTest {
  @RegisterExtension
  static final TestHub hub = TestHub.shared();
  private static Operator operator;

  @BeforeAll
  static void start() {
    operator = Operator.of(hub);
  }

  @Test
  void anFsAppealIsVisibleAsAnActiveCase() {
    FsAppeal appeal = FsAppeals.active("INF1000-1", candidate());
    FsAppeals.produce(hub.hub().bootstrapServers(), List.of(appeal));

    HttpResponse<String> answer = eventuallyFound("/api/cases/" + appeal.caseKey());

    JsonNode c = Json.tree(answer.body().getBytes());
    assertThat(c.path("caseKey").asText()).isEqualTo(appeal.caseKey());
    assertThat(c.path("appeal").path("status").asText()).isEqualTo("ACTIVE");
    assertThat(answer.headers().firstValue(Peers.SERVED_BY)).isPresent();
  }

  @Test
  void anUnknownCaseIsA404InTheErrorContract() {
    HttpResponse<String> answer = operator.get("/api/cases/demo/NOPE-1/" + candidate());

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).contains("\"errorCode\":\"70404\"", "\"requestId\"");
  }

  @Test
  void searchByFlowAndStateFindsTheActiveAppeal() {
    FsAppeal appeal = FsAppeals.active("SEARCH-" + candidate(), candidate());
    FsAppeals.produce(hub.hub().bootstrapServers(), List.of(appeal));
    eventuallyFound("/api/cases/" + appeal.caseKey());

    HttpResponse<String> answer = operator.get("/api/cases?flow=appeal&state=active&institution=demo&limit=1000");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"caseKey\":\"" + appeal.caseKey() + "\"");
    assertThat(operator.get("/api/cases?flow=explanation&state=REQUESTED&limit=1000").body())
        .doesNotContain(appeal.caseKey());
  }

  @Test
  void aMisspeltStateOrFlowIsA400NotAnEmptyList() {
    assertThat(operator.get("/api/cases?flow=appeal&state=REQUESTED").statusCode()).isEqualTo(400);
    assertThat(operator.get("/api/cases?flow=apeal").body()).contains("\"errorCode\":\"70416\"");
    assertThat(operator.get("/api/cases?limit=0").statusCode()).isEqualTo(400);
  }

  @Test
  void withoutATokenTheAnswerIs70402() {
    HttpResponse<String> answer = new Operator(hub.baseUrl(), null).get("/api/cases/demo/INF1000-1/1");

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("\"errorCode\":\"70402\"");
  }

  @Test
  void anUnknownTokenIs70401() {
    HttpResponse<String> answer = new Operator(hub.baseUrl(), "not-a-token").get("/api/cases?state=ACTIVE");

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("\"errorCode\":\"70401\"").doesNotContain("not-a-token");
  }

  @Test
  void aTokenWithoutTheAdminScopeIs403() {
    Operator metrica = new Operator(hub.baseUrl(), hub.demo().metricaPublisherToken());

    assertThat(metrica.get("/api/cases/demo/INF1000-1/1").body()).contains("\"errorCode\":\"70403\"");
    assertThat(metrica.get("/api/institutions").statusCode()).isEqualTo(403);
  }

  private static HttpResponse<String> eventuallyFound(String path) {
    HttpResponse<String>[] last = new HttpResponse[1];
    Eventually.holds(Duration.ofSeconds(20), () -> (last[0] = operator.get(path)).statusCode() == 200);
    return last[0];
  }

  private static String candidate() {
    return Long.toString(ThreadLocalRandom.current().nextLong(100_000, 999_999));
  }
}
