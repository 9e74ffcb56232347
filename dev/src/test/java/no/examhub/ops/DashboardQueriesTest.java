package no.examhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.examhub.testing.Eventually;
import no.examhub.testing.Http;
import no.examhub.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboards and alert rules, proven against a real Prometheus scraping a whole Examhub: after
 * a short demo scenario every panel's query parses and returns data (a panel that can never show
 * data is a defect), and the dead-letter alert fires.
 */
class DashboardQueriesTest {
  private static final Path ALERTS = Path.of("prometheus", "alerts.yml");
  /** Before the hub: without Prometheus the class is skipped (outside CI) and no hub boots for nothing. */
  @RegisterExtension
  @Order(1)
  static final BeforeAllCallback PROMETHEUS_INSTALLED = context -> PrometheusServer.binary("prometheus");
  // One attempt per command, so the scenario's failing Proview call is dead-lettered at once.
  @RegisterExtension
  @Order(2)
  static final TestHub hub = TestHub.perClass(Map.of("EXAMHUB_DISPATCH_MAX_ATTEMPTS", "1")).awaitingStreams();
  private static PrometheusServer prometheus;

  @BeforeAll
  static void start() throws Exception {
    prometheus = PrometheusServer.start("127.0.0.1:" + hub.hub().httpPort(), ALERTS);
    Eventually.holds(Duration.ofSeconds(20), () -> prometheus.ready() && hasData("examhub_streams_running == 1"));
    new DemoScenario(hub).run();
    // The counters the scenario moved, as Prometheus saw them: then every rate has two samples.
    Eventually.holds(Duration.ofSeconds(30), () -> hasData("examhub_dispatch_dead_letters_total > 0")
        && hasData("examhub_intake_duplicates_total > 0") && hasData("examhub_intake_dead_letters_total")
        && hasData("examhub_proctoring_verify_seconds_count"));
    // A few scrapes more, so the series the scenario created have the two samples a rate needs.
    double seen = System.currentTimeMillis() / 1000.0;
    Eventually.holds(Duration.ofSeconds(20), () -> hasData("timestamp(up) > " + (seen + 3)));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "dashboard-test-metrics.txt"), Http.get(hub.baseUrl() + "/metrics").body());
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void everyPanelQueryParsesAndReturnsDataAfterTheDemoScenario() throws Exception {
    List<String> defects = new ArrayList<>();
    List<Dashboards.Query> queries = Dashboards.queries(Path.of("grafana", "dashboards"));
    assertThat(queries).hasSizeGreaterThan(20);
    for (Dashboards.Query q : queries) {
      JsonNode answer = prometheus.query(q.promql());
      if (!"success".equals(answer.path("status").asText())) {
        defects.add(q + " does not parse: " + answer.path("error").asText());
      } else if (answer.path("data").path("result").isEmpty()) {
        defects.add(q + " returns no data");
      }
    }
    assertThat(defects).as("panels without data (metrics in target/dashboard-test-metrics.txt; scrapes: %s)",
        prometheus.query("count_over_time(up[1m])").path("data").path("result")).isEmpty();
  }

  @Test
  void deadLetteredCommandFiresTheDeadLetterAlert() {
    Eventually.holds(Duration.ofSeconds(30),
        () -> hasData("ALERTS{alertname=\"ExamhubDeadLettersGrowing\", alertstate=\"firing\", partner=\"proview\"}"));
  }

  @Test
  void alertRulesPassPromtoolCheck() throws Exception {
    PrometheusServer.Result check = PrometheusServer.promtool(Duration.ofSeconds(30), "check", "rules", ALERTS.toString());

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS");
  }

  @Test
  void stalePollerAndOtherAlertsFireOnSyntheticSeriesInPromtoolRuleTests() throws Exception {
    PrometheusServer.Result test = PrometheusServer.promtool(Duration.ofSeconds(30), "test", "rules",
        Path.of("prometheus", "alerts.test.yml").toString());

    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  private static boolean hasData(String promql) {
    return !prometheus.query(promql).path("data").path("result").isEmpty();
  }
}
