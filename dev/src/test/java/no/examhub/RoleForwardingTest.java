package no.examhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.examhub.event.FsAppeal;
import no.examhub.partner.proctoring.ProctoringHub;
import no.examhub.testing.Eventually;
import no.examhub.testing.FsAppeals;
import no.examhub.testing.HangingUpPort;
import no.examhub.testing.Http;
import no.examhub.testing.Instances;
import no.examhub.testing.Operator;
import no.examhub.testing.TestHub;
import no.examhub.testing.TestKafka;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EXAMHUB_STREAMS_URL on a real broker: an ingress-only instance sends what reads a Streams store
 * (case queries, verify_respondent, roster upload, the console) to a streams instance and passes
 * its answer back; a streams instance that cannot be reached is a 503 with a code and Retry-After.
 */
class RoleForwardingTest {
  private static final String APPLICATION_ID = "examhub-forwarding-" + UUID.randomUUID();
  private static final Map<String, String> STREAMS = with(Instances.of(APPLICATION_ID), "EXAMHUB_ROLES", "streams,dispatch");
  private static final String STREAMS_URL = "http://127.0.0.1:" + STREAMS.get("EXAMHUB_HTTP_PORT");

  @RegisterExtension
  @Order(1)
  static final TestHub streams = TestHub.perClass(STREAMS).awaitingStreams();
  @RegisterExtension
  @Order(2)
  static final TestHub ingress = TestHub.perClass(with(Map.of("EXAMHUB_ROLES", "ingress",
      "EXAMHUB_ACCESS_CODE_KEY", Instances.ACCESS_CODE_KEY), "EXAMHUB_STREAMS_URL", STREAMS_URL)).sharingStoreOf(streams);

  @Test
  void aCaseQueryOnTheIngressInstanceIsAnsweredByTheStreamsInstance() {
    FsAppeal appeal = FsAppeals.active("FORWARD-" + UUID.randomUUID().toString().substring(0, 8), "5001");
    FsAppeals.produce(streams.hub().bootstrapServers(), List.of(appeal));
    Operator operator = new Operator(ingress.baseUrl(), ingress.demo().adminToken());

    Eventually.holds(Duration.ofSeconds(30), () -> operator.get("/api/cases/" + appeal.caseKey()).statusCode() == 200);
    HttpResponse<String> one = operator.get("/api/cases/" + appeal.caseKey());
    HttpResponse<String> search = operator.get("/api/cases?vurdId=" + appeal.vurdId());
    HttpResponse<String> anonymous = Http.get(ingress.baseUrl() + "/api/cases/" + appeal.caseKey());

    assertThat(one.headers().firstValue("X-Examhub-Served-By")).contains(STREAMS_URL);
    assertThat(one.body()).contains("\"caseKey\":\"" + appeal.caseKey() + "\"");
    assertThat(search.statusCode()).isEqualTo(200);
    assertThat(search.body()).contains("\"count\":1", appeal.caseKey());
    // The streams instance authorises the caller itself.
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("70402");
  }

  @Test
  void verifyRespondentOnTheIngressInstanceIsAnsweredFromTheStreamsInstancesRoster() {
    ProctoringHub vendor = new ProctoringHub(ingress);
    String exam = "forward-exam-" + UUID.randomUUID().toString().substring(0, 8);

    HttpResponse<String> upload = vendor.uploadRoster(exam, ProctoringHub.roster("cand-1", "code-1"));

    assertThat(upload.statusCode()).isEqualTo(200);
    Eventually.holds(Duration.ofSeconds(30), () -> vendor.webhook(ProctoringHub.verify(exam, "cand-1", "code-1", "en"),
        ProctoringHub.requestId()).body().contains("Siti Nurhaliza"));
  }

  @Test
  void theConsoleOnTheIngressInstanceIsTheStreamsInstancesConsole() {
    HttpResponse<String> login = Http.get(ingress.baseUrl() + "/console/login");

    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("name=\"token\"");
  }

  @Test
  void anUnreachableStreamsInstanceIsA503WithACodeAndRetryAfter() throws Exception {
    try (HangingUpPort nobody = HangingUpPort.open(); TestHub alone = TestHub.start(TestKafka.bootstrapServers(),
        Map.of("EXAMHUB_ROLES", "ingress", "EXAMHUB_STREAMS_URL", nobody.url()))) {
      HttpResponse<String> cases = new Operator(alone.baseUrl(), alone.demo().adminToken()).get("/api/cases/demo/1/2");
      HttpResponse<String> verify = new ProctoringHub(alone).webhook(ProctoringHub.verify("e", "c", "a", "en"),
          ProctoringHub.requestId());

      for (HttpResponse<String> answer : List.of(cases, verify)) {
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("70503");
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
      }
    }
  }

  private static Map<String, String> with(Map<String, String> settings, String name, String value) {
    Map<String, String> s = new HashMap<>(settings);
    s.put(name, value);
    return s;
  }
}
