package no.examhub.ops.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import no.examhub.event.FsAppeal;
import no.examhub.testing.Eventually;
import no.examhub.testing.FsAppeals;
import no.examhub.testing.Instances;
import no.examhub.testing.Operator;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances of one Streams application share the cases' partitions; an operator may ask
 * either about any case, and the one that does not hold it forwards the question.
 */
class CaseRoutingTest {
  private static final String VURD_ID = "ROUTE-" + UUID.randomUUID().toString().substring(0, 8);

  private static final String APPLICATION_ID = "examhub-routing-" + UUID.randomUUID();
  @RegisterExtension
  @Order(1)
  static final TestHub first = TestHub.perClass(Instances.of(APPLICATION_ID));
  @RegisterExtension
  @Order(2)
  static final TestHub second = TestHub.perClass(Instances.of(APPLICATION_ID)).sharingStoreOf(first);
  private static List<FsAppeal> appeals;

  @BeforeAll
  static void bothInstancesShareTheCases() {
    Eventually.holds(Duration.ofSeconds(90), () -> first.hub().streamsRunning() && second.hub().streamsRunning()
        && first.hub().streams().unwrap().streamsMetadataForStore("case-store").size() == 2);
    appeals = IntStream.range(0, 8).mapToObj(i -> FsAppeals.active(VURD_ID, "2000" + i)).toList();
    FsAppeals.produce(first.hub().bootstrapServers(), appeals);
  }

  @Test
  void everyCaseIsAnsweredByEitherInstanceAndSomeAreForwarded() {
    List<String> forwarded = new ArrayList<>();
    for (TestHub asked : List.of(first, second)) {
      Operator operator = new Operator(asked.baseUrl(), asked.demo().adminToken());
      for (FsAppeal appeal : appeals) {
        HttpResponse<String> answer = eventuallyFound(operator, "/api/cases/" + appeal.caseKey());

        assertThat(answer.body()).contains("\"caseKey\":\"" + appeal.caseKey() + "\"", "\"status\":\"ACTIVE\"");
        String servedBy = answer.headers().firstValue(Peers.SERVED_BY).orElseThrow();
        if (!servedBy.equals(asked.baseUrl())) {
          forwarded.add(servedBy + " for " + asked.baseUrl());
        }
      }
    }

    assertThat(forwarded).as("answers forwarded to the other instance").isNotEmpty()
        .allSatisfy(f -> assertThat(f).containsAnyOf(first.baseUrl() + " for", second.baseUrl() + " for"));
  }

  @Test
  void aSearchOnOneInstanceFindsTheCasesOfBoth() {
    Operator operator = new Operator(first.baseUrl(), first.demo().adminToken());
    appeals.forEach(a -> eventuallyFound(operator, "/api/cases/" + a.caseKey()));

    HttpResponse<String> answer = operator.get("/api/cases?flow=appeal&state=ACTIVE&institution=demo&limit=1000");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains(first.baseUrl(), second.baseUrl());
    appeals.forEach(a -> assertThat(answer.body()).contains("\"caseKey\":\"" + a.caseKey() + "\""));
  }

  private static HttpResponse<String> eventuallyFound(Operator operator, String path) {
    List<HttpResponse<String>> last = new ArrayList<>(List.of());
    Eventually.holds(Duration.ofSeconds(30), () -> {
      last.add(0, operator.get(path));
      return last.get(0).statusCode() == 200;
    });
    return last.get(0);
  }
}
